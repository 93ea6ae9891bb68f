package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.request.SolrRequestInfo;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.math.LogSumExp;
import org.solrpersonalize.solr.cache.ItemFactorCache;
import org.solrpersonalize.solr.cache.SlotFactors;
import org.solrpersonalize.solr.kernel.CachedRowKernels;
import org.solrpersonalize.solr.kernel.EncodedVectorKernels;

/**
 * The one class that reads item fields from Lucene: per leaf, a binary doc-values field of {@link
 * VectorCodec} floats, {@code factors} of them followed by {@code clusters} cluster log-densities
 * (a model slot's {@code pz_item_s}; any binary vector field with {@code clusters = 0}), optionally
 * checked against the model-tag field of its slot (a slot's values count only if they belong to the
 * model the request uses). Forward-only and allocation free; a request for an earlier document (as
 * {@code fl} functions make) reopens the iterators. A model slot's values come from the in-memory
 * {@link ItemFactorCache} when it holds them for this segment and model (the same floats, or their
 * int8 form), from docValues otherwise.
 *
 * <pre>{@code
 * long tag = ModelFields.modelTag("m1"); // once per request
 * ItemFactorReader r = new ItemFactorReader(leaf, "pz_item_a", "pz_model_a", tag, 64, 16);
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
  private final int factors;
  private final int clusters;

  /** The segment's cached values of the model, or null to read docValues. */
  private final SlotFactors cached;

  private BinaryDocValues values;
  private NumericDocValues models;
  private final double[] sums = new double[3];
  private double[] terms = new double[0];

  /**
   * With an int8 cache: {@link #logSumExp}'s weights, linear: {@code exp} of {@link #weightsOf}.
   */
  private float[] weights = new float[0];

  /**
   * With an int8 cache: the log-weights {@link #weights} was computed from, so that a caller
   * passing the same ones per document (a rerank, {@code clusterll}) pays no {@code exp} per
   * cluster and document.
   */
  private float[] weightsOf = new float[0];

  /** {@link #exactLogSumExp} for {@link #lift}, made once. */
  private final ExactLogSumExp exact = this::exactLogSumExp;

  private int lastDoc = -1;

  /** With an int8 cache: the document {@link #values} was last advanced to, for exact sums. */
  private int exactDoc = -1;

  private boolean lastHasValues;

  /** The current document's value, read on first use: a rerank asks for it twice per document. */
  private BytesRef lastValue;

  /**
   * @param modelField null to read the value field without a model check
   * @param modelTag {@link org.solrpersonalize.format.ModelFields#modelTag} of the request's model
   * @param factors floats of the vector each value starts with
   * @param clusters cluster log-densities after the vector (0 for a plain vector field)
   */
  public ItemFactorReader(
      LeafReader leaf,
      String valueField,
      String modelField,
      long modelTag,
      int factors,
      int clusters)
      throws IOException {
    this.leaf = leaf;
    this.valueField = valueField;
    this.modelField = modelField;
    this.modelTag = modelTag;
    this.factors = factors;
    this.clusters = clusters;
    this.cached =
        ItemFactorCache.lookup(
            leaf, valueField, modelField, modelTag, factors, clusters, requestExecutor());
    if (cached == null) {
      reopen();
    }
  }

  /**
   * Solr's executor for a cache build a request asks for; the JVM's common pool where no request is
   * known (functions in {@code fl} that a response writer computes after the request's context).
   */
  private static Executor requestExecutor() {
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    return info == null || info.getReq().getCoreContainer() == null
        ? ForkJoinPool.commonPool()
        : info.getReq().getCoreContainer()::runAsync;
  }

  /** Whether this reader's values come from a float cache ({@link #readFloatRows}). */
  boolean floatCached() {
    return cached != null && cached.exactDensities();
  }

  /** Whether this reader's values come from the in-memory cache rather than docValues. */
  public boolean cached() {
    return cached != null;
  }

  private void reopen() throws IOException {
    values = DocValues.getBinary(leaf, valueField);
    models = modelField == null ? null : DocValues.getNumeric(leaf, modelField);
    lastDoc = -1;
  }

  /**
   * Starts loading the cached row of {@code doc} (a document at or after the current one) so that a
   * later {@link #advance} and the kernels find it in cache: see {@link SlotFactors#touch}. Nothing
   * for docValues. Returns bits of the loaded values, for the caller to combine and keep.
   */
  int touch(int doc) {
    return cached == null ? 0 : cached.touch(doc);
  }

  /**
   * Reads a run of a rerank window's hits of this reader's leaf from a float cache, in one loop
   * ({@link SlotFactors#readFloatRows}: dot products with {@code query}, log-densities to {@code
   * densityColumns[k * stride + i]}); returns the hits without values. Only where {@link
   * #floatCached}.
   */
  int readFloatRows(
      int[] docs,
      int docBase,
      int from,
      int to,
      float[] query,
      double[] dots,
      boolean[] hasValues,
      float[] densityColumns,
      int stride) {
    lastDoc = -1; // the run moved past any document this reader was on
    return cached.readFloatRows(
        docs, docBase, from, to, query, factors, dots, hasValues, densityColumns, stride);
  }

  /** Positions on a document; false when it has no values of the model in use. */
  public boolean advance(int doc) throws IOException {
    if (doc == lastDoc) {
      return lastHasValues; // exists() then floatVal() on one document: read it once
    }
    if (cached != null) {
      lastDoc = doc;
      lastHasValues = cached.has(doc);
      return lastHasValues;
    }
    if (doc < lastDoc) {
      reopen();
    }
    lastDoc = doc;
    lastValue = null;
    lastHasValues =
        (models == null || (models.advanceExact(doc) && models.longValue() == modelTag))
            && values.advanceExact(doc);
    return lastHasValues;
  }

  /** Dot product of the current document's vector with {@code query} ({@code factors} long). */
  public float dot(float[] query) throws IOException {
    if (cached != null) {
      return cached.dot(query, lastDoc);
    }
    BytesRef b = current();
    return EncodedVectorKernels.dot(query, b.bytes, b.offset);
  }

  /**
   * {@code log sum_k exp(logWeights[k] + value[k])} with log-sum-exp, for the current document's
   * cluster log-densities; with an int8 cache within its bound, as {@link #logSumExpPair}.
   */
  public double logSumExp(float[] logWeights) throws IOException {
    if (cached == null) {
      return logSumExp(logWeights, current());
    }
    if (!cached.exactDensities()) {
      return levelLogSumExp(logWeights);
    }
    double[] t = terms(logWeights.length);
    for (int k = 0; k < logWeights.length; k++) {
      t[k] = (double) logWeights[k] + cached.density(lastDoc, factors, k);
    }
    return LogSumExp.of(t, 0, logWeights.length);
  }

  /** The scratch array of log-sum-exp terms, grown to at least {@code n}. */
  private double[] terms(int n) {
    if (terms.length < n) {
      terms = new double[n];
    }
    return terms;
  }

  /**
   * {@link #logSumExp} from an int8 cache's levels, within their bound ({@link SlotFactors}), or
   * exactly from docValues where the levels cannot bound it or the sum underflows.
   */
  private double levelLogSumExp(float[] logWeights) throws IOException {
    if (!Arrays.equals(weightsOf, logWeights)) {
      weightsOf = logWeights.clone();
      weights = new float[logWeights.length];
      for (int k = 0; k < logWeights.length; k++) {
        weights[k] = (float) Math.exp(logWeights[k]);
      }
    }
    cached.shiftedExpSums(lastDoc, factors, weights, weights, sums);
    return logOf(sums[0], sums[1], logWeights);
  }

  /** {@link #logSumExp} over the log-densities of the docValues value {@code b}. */
  private double logSumExp(float[] logWeights, BytesRef b) {
    double[] t = terms(logWeights.length);
    for (int k = 0; k < logWeights.length; k++) {
      t[k] = (double) logWeights[k] + VectorCodec.get(b.bytes, b.offset, factors + k);
    }
    return LogSumExp.of(t, 0, logWeights.length);
  }

  /**
   * Both {@code log sum_k theta_k exp(l_k)} and {@code log sum_k pi_k exp(l_k)} of the current
   * document's log-densities {@code l}, written to {@code out[0]} and {@code out[1]}: one {@code
   * exp} per cluster serves both sums, on SIMD registers where the JVM allows ({@link
   * EncodedVectorKernels#shiftedExpSums}). A shifted sum too small for float precision (the weights
   * are under 1e-30 on every cluster the item is near), or one an int8 cache's levels cannot bound
   * (given as 0, see {@link SlotFactors}), is computed again exactly in log space, from docValues
   * when an int8 cache holds the log-densities as levels. The rerank calls {@link #clusterLift}
   * instead (one log where it can); this two-log form is what its tests check it against.
   */
  void logSumExpPair(ClusterWeights weights, double[] out) throws IOException {
    shiftedExpSums(weights);
    double max = sums[0];
    out[0] = logOf(max, sums[1], weights.logTheta());
    out[1] = logOf(max, sums[2], weights.logPi());
  }

  /**
   * The rerank's cluster lift of the current document, {@code log sum_k theta_k exp(l_k) - log
   * sum_k pi_k exp(l_k)}: {@link #logSumExpPair}'s difference, with one {@code log} of the ratio of
   * the shifted sums where both keep float precision instead of one per sum. With {@code marginal}
   * non-null its {@code [i]} gets the subtrahend (an explanation shows it; a plain rerank does not
   * pay its {@code log}).
   */
  double clusterLift(ClusterWeights weights, double[] marginal, int i) throws IOException {
    shiftedExpSums(weights);
    return lift(sums[0], sums[1], sums[2], weights, marginal, i, exact);
  }

  /** A log-sum-exp of one document's log-densities computed exactly, in log space. */
  interface ExactLogSumExp {
    /** {@code log sum_k exp(logWeights[k] + l_k)}. */
    double of(float[] logWeights) throws IOException;
  }

  /**
   * {@link #clusterLift} of a document from its largest log-density {@code max} and its two shifted
   * sums {@code theta} and {@code pi} ({@link CachedRowKernels#shiftedExpSums}); {@code exact}
   * gives the sums that lost float precision.
   */
  static double lift(
      double max,
      double theta,
      double pi,
      ClusterWeights weights,
      double[] marginal,
      int i,
      ExactLogSumExp exact)
      throws IOException {
    if (theta > FLOAT_SAFE_SUM && pi > FLOAT_SAFE_SUM) {
      if (marginal != null) {
        marginal[i] = max + Math.log(pi);
      }
      return Math.log(theta / pi);
    }
    double subtrahend = logOf(max, pi, weights.logPi(), exact);
    if (marginal != null) {
      marginal[i] = subtrahend;
    }
    return logOf(max, theta, weights.logTheta(), exact) - subtrahend;
  }

  /**
   * Whether the cluster log-densities this reader gives are the docValues' floats (a float cache,
   * or docValues), not an int8 cache's levels.
   */
  boolean hasExactDensities() {
    return cached == null || cached.exactDensities();
  }

  /**
   * Copies the current document's cluster log-densities to {@code columns[k * stride + i]}, for a
   * window's lifts computed together ({@link WindowClusterLifts}); only where {@link
   * #hasExactDensities}.
   */
  void copyDensities(float[] columns, int stride, int i) throws IOException {
    if (cached != null) {
      cached.copyDensities(lastDoc, factors, columns, stride, i);
      return;
    }
    BytesRef b = current();
    for (int k = 0; k < clusters; k++) {
      columns[k * stride + i] = VectorCodec.get(b.bytes, b.offset, factors + k);
    }
  }

  /**
   * The current document's largest log-density and its two shifted sums under {@code weights} into
   * {@link #sums}: {@code [max, sum theta_k exp(l_k - max), sum pi_k exp(l_k - max)]}.
   */
  private void shiftedExpSums(ClusterWeights weights) throws IOException {
    if (cached != null) {
      cached.shiftedExpSums(lastDoc, factors, weights.theta(), weights.pi(), sums);
    } else {
      BytesRef b = current();
      EncodedVectorKernels.shiftedExpSums(
          b.bytes, b.offset + factors * Float.BYTES, weights.theta(), weights.pi(), sums);
    }
  }

  /**
   * {@code max + log(shifted)}, the log of a shifted sum of {@code logWeights} that keeps float
   * precision; else (an underflow, or 0 where an int8 cache's levels cannot bound it) the sum
   * computed exactly.
   */
  private double logOf(double max, double shifted, float[] logWeights) throws IOException {
    return logOf(max, shifted, logWeights, exact);
  }

  /** {@link #logOf(double, double, float[])} with {@code exact} computing the exact sums. */
  private static double logOf(double max, double shifted, float[] logWeights, ExactLogSumExp exact)
      throws IOException {
    return shifted > FLOAT_SAFE_SUM ? max + Math.log(shifted) : exact.of(logWeights);
  }

  /**
   * {@link #logSumExp} over the docValues' log-densities: an int8 cache holds them only as levels
   * relative to the item's largest one, which cannot tell a sum that underflowed.
   */
  private double exactLogSumExp(float[] logWeights) throws IOException {
    if (cached == null || cached.exactDensities()) {
      return logSumExp(logWeights);
    }
    if (values == null || exactDoc > lastDoc) {
      values = DocValues.getBinary(leaf, valueField);
    }
    exactDoc = lastDoc;
    if (!values.advanceExact(lastDoc)) {
      return Double.NEGATIVE_INFINITY; // not reached: the cache holds a row for lastDoc
    }
    return logSumExp(logWeights, values.binaryValue());
  }

  /**
   * Copies the current document's vector to {@code vectors[vectorOffset..+factors)} and its cluster
   * log-densities to {@code densities[densityOffset..+clusters)} (session fold-in).
   */
  public void copyInto(float[] vectors, int vectorOffset, float[] densities, int densityOffset)
      throws IOException {
    if (cached != null) {
      for (int i = 0; i < factors; i++) {
        vectors[vectorOffset + i] = cached.factor(lastDoc, i);
      }
      for (int i = 0; i < clusters; i++) {
        densities[densityOffset + i] = cached.density(lastDoc, factors, i);
      }
      return;
    }
    BytesRef b = current();
    for (int i = 0; i < factors; i++) {
      vectors[vectorOffset + i] = VectorCodec.get(b.bytes, b.offset, i);
    }
    for (int i = 0; i < clusters; i++) {
      densities[densityOffset + i] = VectorCodec.get(b.bytes, b.offset, factors + i);
    }
  }

  private BytesRef current() throws IOException {
    if (lastValue != null) {
      return lastValue;
    }
    BytesRef b = values.binaryValue();
    if (b.length != (factors + clusters) * Float.BYTES) {
      String layout =
          clusters == 0
              ? ""
              : String.format(
                  Locale.ROOT, " (%d factors, then %d cluster log-densities)", factors, clusters);
      throw BadRequests.formatted(
          "field %s holds %d floats but %d were expected%s",
          valueField, b.length / Float.BYTES, factors + clusters, layout);
    }
    lastValue = b;
    return b;
  }
}
