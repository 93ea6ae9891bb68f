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
  private final LeafReader leaf;
  private final String valueField;
  private final String modelField;
  private final long modelTag;
  private BinaryDocValues values;
  private NumericDocValues models;
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
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < logWeights.length; k++) {
      max = Math.max(max, (double) logWeights[k] + VectorCodec.get(b.bytes, b.offset, k));
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (int k = 0; k < logWeights.length; k++) {
      sum += Math.exp((double) logWeights[k] + VectorCodec.get(b.bytes, b.offset, k) - max);
    }
    return max + Math.log(sum);
  }

  /**
   * Both {@code log sum_k theta_k exp(l_k)} and {@code log sum_k pi_k exp(l_k)} of the current
   * document's log-densities {@code l}, written to {@code out[0]} and {@code out[1]}: one
   * {@code exp} per cluster serves both sums (the rerank's cluster lift needs both, per document
   * of the window). {@code theta} and {@code pi} are linear weights; the log weights are used only
   * when a shifted sum underflows to 0, to give the exact log-space value instead. Clusters whose
   * log-density lies more than {@code -negligibleBelow} under the document's best are skipped:
   * the caller chooses the bound so that they cannot change either sum.
   */
  public void logSumExpPair(double[] theta, float[] logTheta, double[] pi, float[] logPi,
      double negligibleBelow, double[] out) throws IOException {
    BytesRef b = current(theta.length);
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < theta.length; k++) {
      max = Math.max(max, VectorCodec.get(b.bytes, b.offset, k));
    }
    double sumTheta = 0;
    double sumPi = 0;
    for (int k = 0; k < theta.length; k++) {
      double shifted = VectorCodec.get(b.bytes, b.offset, k) - max;
      if (shifted < negligibleBelow) {
        continue;
      }
      double e = Math.exp(shifted);
      sumTheta += theta[k] * e;
      sumPi += pi[k] * e;
    }
    out[0] = sumTheta > 0 ? max + Math.log(sumTheta) : logSumExp(logTheta);
    out[1] = sumPi > 0 ? max + Math.log(sumPi) : logSumExp(logPi);
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
