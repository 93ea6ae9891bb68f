package org.solrpersonalize.solr.function;

import org.apache.lucene.queries.function.ValueSource;
import org.apache.solr.schema.BinaryField;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.search.FunctionQParser;
import org.apache.solr.search.SyntaxError;
import org.apache.solr.search.ValueSourceParser;
import org.solrpersonalize.solr.search.BadRequests;
import org.solrpersonalize.solr.search.PersonalizeParams;
import org.solrpersonalize.solr.search.RequestPersonalization;

/**
 * {@code dotp(field, v1,v2,...)} or {@code dotp(field, $param)}: dot product of a literal vector
 * with a binary vector field. {@code field} is a binary docValues field of float32 vectors, or
 * {@code pz_vec} for the active model's item factors. Example: {@code
 * fl=id,dotp(pz_vec,$q)&q.v=0.1,0.2,...}; a document without the field scores 0.
 */
public class DotProductValueSourceParser extends ValueSourceParser {
  /** Logical field name: the item factors of the active model's slot. */
  public static final String ACTIVE_VECTOR = "pz_vec";

  @Override
  public ValueSource parse(FunctionQParser fp) throws SyntaxError {
    String field = fp.parseArg();
    if (field == null || !fp.hasMoreArguments()) {
      throw BadRequests.of("dotp(field, v1,v2,... | $param) needs a field and a vector");
    }
    StringBuilder values = new StringBuilder();
    while (fp.hasMoreArguments()) {
      String arg = fp.parseArg();
      values.append(values.length() == 0 ? "" : ",").append(arg);
    }
    float[] vector = PersonalizeParams.parseVector("dotp vector", values.toString());
    if (ACTIVE_VECTOR.equals(field)) {
      RequestPersonalization rp = RequestPersonalization.of(fp.getReq());
      rp.model()
          .ifPresent(
              m -> {
                if (m.factors() != vector.length) {
                  throw BadRequests.formatted(
                      "dotp: vector has %d values but model %s has %d factors",
                      vector.length, m.modelId(), m.factors());
                }
              });
      return ItemScoreValueSource.ofRequestModel(
          "dotp", field, ItemScoreValueSource.Kind.DOT, rp, vector);
    }
    SchemaField schemaField = fp.getReq().getSchema().getFieldOrNull(field);
    if (schemaField == null
        || !(schemaField.getType() instanceof BinaryField)
        || !schemaField.hasDocValues()) {
      throw BadRequests.of(
          "dotp: '" + field + "' is not a binary docValues vector field (or pz_vec)");
    }
    return new ItemScoreValueSource(
        "dotp",
        field,
        ItemScoreValueSource.Kind.DOT,
        new ItemScoreValueSource.Columns(field, null, null, vector.length, 0),
        vector);
  }
}
