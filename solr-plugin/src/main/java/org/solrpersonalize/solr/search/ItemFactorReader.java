package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Locale;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.common.SolrException;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.math.LogSumExp;

/**
 * The one class that reads item fields from Lucene: per leaf, a binary doc-values field of
 * {@link VectorCodec} floats, optionally checked against the model-tag field of its slot (a slot's
 * values count only if they belong to the model the request uses). Forward-only and allocation
 * free; a request for an earlier document (as {@code fl} functions make) reopens the iterators.
 *
 * <pre>{@code
 * long tag = ModelFields.modelTag("m1"); // once per request
 * ItemFactorReader r = ItemFactorReader.open(leaf, "pz_vec_a", "pz_model_a", tag);
 * if (r.advance(doc)) { float dot = r.dot(userVector); }
 * }</pre>
 */
public final class ItemFactorReader {
  /** Shifted sums above this keep float precision in every term that matters. */
  private static final double FLOAT_SAFE_SUM = 1e-30;
  private final LeafReader leaf;
  private final String valueField;
  private final String modelField;
  private final long modelTag;
  private BinaryDocValues values;
  private NumericDocValues models;
  private final double[] sums = new double[3];
  private double[] terms = new double[0];
  private int lastDoc = -1;
  private boolean lastHasValues;

  private ItemFactorReader(LeafReader leaf, String valueField, String modelField, long modelTag)
      throws IOException {
    this.leaf = leaf;
    this.valueField = valueField;
    this.modelField = modelField;
    this.modelTag = modelTag;
    reopen();
  }

  /**
   * @param modelField null to read the value field without a model check
   * @param modelTag {@link org.solrpersonalize.format.ModelFields#modelTag} of the request's model
   */
  public static ItemFactorReader open(LeafReader leaf, String valueField, String modelField,
      long modelTag) throws IOException {
    return new ItemFactorReader(leaf, valueField, modelField, modelTag);
  }

  private void reopen() throws IOException {
    values = DocValues.getBinary(leaf, valueField);
    models = modelField == null ? null : DocValues.getNumeric(leaf, modelField);
    lastDoc = -1;
  }

  /** Positions on a document; false when it has no values of the model in use. */
  public boolean advance(int doc) throws IOException {
    if (doc == lastDoc) {
      return lastHasValues; // exists() then floatVal() on one document: read it once
    }
    if (doc < lastDoc) {
      reopen();
    }
    lastDoc = doc;
    lastHasValues = (models == null || (models.advanceExact(doc) && models.longValue() == modelTag))
        && values.advanceExact(doc);
    return lastHasValues;
  }

  /** Dot product of the current document's vector with {@code query}. */
  public float dot(float[] query) throws IOException {
    BytesRef b = current(query.length);
    return VectorCodec.dot(query, b.bytes, b.offset);
  }

  /**
   * {@code log sum_k exp(logWeights[k] + value[k])} with log-sum-exp, for the current document's
   * cluster log-densities.
   */
  public double logSumExp(float[] logWeights) throws IOException {
    BytesRef b = current(logWeights.length);
    if (terms.length < logWeights.length) {
      terms = new double[logWeights.length];
    }
    for (int k = 0; k < logWeights.length; k++) {
      terms[k] = (double) logWeights[k] + VectorCodec.get(b.bytes, b.offset, k);
    }
    return LogSumExp.of(terms, 0, logWeights.length);
  }

  /**
   * Both {@code log sum_k theta_k exp(l_k)} and {@code log sum_k pi_k exp(l_k)} of the current
   * document's log-densities {@code l}, written to {@code out[0]} and {@code out[1]}: one
   * {@code exp} per cluster serves both sums (the rerank's cluster lift needs both, per document
   * of the window), on SIMD registers where the JVM allows ({@link VectorCodec#shiftedExpSums}).
   * A shifted sum too small for float precision (the weights are under 1e-30 on every cluster the
   * item is near) is computed again exactly in log space.
   */
  void logSumExpPair(ClusterWeights weights, double[] out) throws IOException {
    BytesRef b = current(weights.size());
    VectorCodec.shiftedExpSums(b.bytes, b.offset, weights.theta(), weights.pi(), sums);
    double max = sums[0];
    out[0] = sums[1] > FLOAT_SAFE_SUM ? max + Math.log(sums[1]) : logSumExp(weights.logTheta());
    out[1] = sums[2] > FLOAT_SAFE_SUM ? max + Math.log(sums[2]) : logSumExp(weights.logPi());
  }

  /** Copies the current document's values (session fold-in). */
  public void copyInto(float[] out, int offset, int dimension) throws IOException {
    BytesRef b = current(dimension);
    for (int i = 0; i < dimension; i++) {
      out[offset + i] = VectorCodec.get(b.bytes, b.offset, i);
    }
  }

  private BytesRef current(int dimension) throws IOException {
    BytesRef b = values.binaryValue();
    if (b.length != dimension * Float.BYTES) {
      throw new SolrException(SolrException.ErrorCode.BAD_REQUEST, String.format(Locale.ROOT,
          "field %s holds %d floats but %d were expected", valueField, b.length / Float.BYTES,
          dimension));
    }
    return b;
  }
}
