package org.solrpersonalize.solr.function;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.queries.function.FunctionValues;
import org.apache.lucene.queries.function.ValueSource;
import org.apache.lucene.queries.function.docvalues.FloatDocValues;
import org.apache.solr.search.FunctionQParser;
import org.apache.solr.search.SyntaxError;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.solr.search.ItemFactorReader;
import org.solrpersonalize.solr.search.RequestPersonalization;
import org.solrpersonalize.solr.store.UserProfile;

/**
 * A per-document score from an item field and a query-side vector: the dot product with the field's
 * vector ({@link Kind#DOT}), or {@code log sum_k exp(q_k + l_ik)} over the cluster log-densities
 * that follow it ({@link Kind#LOG_SUM_EXP}; see {@link ItemFactorReader}). A document without
 * values of the model, or a query without a vector (unknown user), scores {@value #NEUTRAL} and
 * reports {@code exists() == false}.
 */
final class ItemScoreValueSource extends ValueSource {
  /** The documented neutral value. */
  static final float NEUTRAL = 0f;

  enum Kind {
    DOT,
    LOG_SUM_EXP
  }

  private final String name;
  private final String argument;
  private final Kind kind;
  private final Columns columns;
  private final long modelTag;
  private final float[] query;

  /**
   * What a function reads: the vectors of {@code valueField}, {@code factors} floats then {@code
   * clusters} cluster log-densities (0 for a plain vector field), of the documents whose {@code
   * modelField} holds the tag of {@code modelId}.
   *
   * @param valueField null when there is nothing to read
   * @param modelField null to read {@code valueField} without a model check
   * @param modelId null without a model
   */
  record Columns(String valueField, String modelField, String modelId, int factors, int clusters) {}

  /**
   * {@code name(U)} for the user the one argument names ({@link UserArgument}), scored with {@code
   * query} of the user's profile; {@code query} returning null, or an unknown user, gives neutral
   * values.
   */
  static ItemScoreValueSource ofUserArgument(
      FunctionQParser fp, String name, Kind kind, Function<UserProfile, float[]> query)
      throws SyntaxError {
    String user = UserArgument.parse(fp, name);
    RequestPersonalization rp = RequestPersonalization.of(fp.getReq());
    return ofRequestModel(name, user, kind, rp, rp.user(user).map(query).orElse(null));
  }

  /**
   * {@code name(argument)} scored against the request's model ({@link RequestPersonalization}): its
   * slot's fields, dimensions and id; {@code query} null (neutral values) without a model.
   */
  static ItemScoreValueSource ofRequestModel(
      String name, String argument, Kind kind, RequestPersonalization rp, float[] query) {
    return new ItemScoreValueSource(
        name,
        argument,
        kind,
        new Columns(
            rp.itemField(),
            rp.modelField(),
            rp.model().map(m -> m.modelId()).orElse(null),
            rp.factors(),
            rp.clusters()),
        rp.model().isPresent() ? query : null);
  }

  /**
   * @param name function name for {@link #description()}
   * @param argument the user id or field the function was called with
   * @param query null when there is nothing to score with (unknown user, no model)
   */
  ItemScoreValueSource(String name, String argument, Kind kind, Columns columns, float[] query) {
    this.name = name;
    this.argument = argument;
    this.kind = kind;
    this.columns = columns;
    this.modelTag = columns.modelId() == null ? 0 : ModelFields.modelTag(columns.modelId());
    this.query = query;
  }

  @Override
  public FunctionValues getValues(Map<Object, Object> context, LeafReaderContext leaf)
      throws IOException {
    ItemFactorReader reader =
        query == null || columns.valueField() == null
            ? null
            : new ItemFactorReader(
                leaf.reader(),
                columns.valueField(),
                columns.modelField(),
                modelTag,
                columns.factors(),
                columns.clusters());
    return new FloatDocValues(this) {
      @Override
      public float floatVal(int doc) throws IOException {
        if (reader == null || !reader.advance(doc)) {
          return NEUTRAL;
        }
        return kind == Kind.DOT ? reader.dot(query) : (float) reader.logSumExp(query);
      }

      /** The neutral value is shown too ({@code fl}), where Lucene would hide a missing one. */
      @Override
      public Object objectVal(int doc) throws IOException {
        return floatVal(doc);
      }

      @Override
      public boolean exists(int doc) throws IOException {
        return reader != null && reader.advance(doc);
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemScoreValueSource v
        && name.equals(v.name)
        && argument.equals(v.argument)
        && kind == v.kind
        && columns.equals(v.columns)
        && Arrays.equals(query, v.query);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, argument, kind, columns, Arrays.hashCode(query));
  }

  @Override
  public String description() {
    return name
        + "("
        + argument
        + (columns.modelId() == null ? "" : ", model=" + columns.modelId())
        + ")";
  }
}
