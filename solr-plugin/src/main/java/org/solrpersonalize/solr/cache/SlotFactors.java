package org.solrpersonalize.solr.cache;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.solr.kernel.CachedRowKernels;

/**
 * One segment's values of one model slot, in primitive arrays: the documents whose model tag is the
 * slot's most common one (the model last published into it), their factors and cluster
 * log-densities, a row per such document and a row number per doc id. Rows only for documents with
 * values: a slot still holding an old model's few items costs 4 bytes per document, not a row.
 * Immutable once built; any number of requests read it at once.
 *
 * <p>{@link CacheMode#FLOAT} holds the docValues' floats. {@link CacheMode#INT8} holds the factors
 * as int8 with a scale per item, and the log-densities {@code l_k} as what the cluster part needs:
 * the item's largest one {@code m = max_k l_k} (a float) and, per cluster, a byte {@code q_k =
 * round((m - l_k) / STEP)} with {@code STEP} = 1/16 nat ({@code 255}: more than {@code 254.5 STEP}
 * = 15.9 nats below {@code m}, counted as 0). A weighted sum {@code log sum_k w_k exp(l_k)} is then
 * {@code m + log(sum_k w_k P[q_k])} with {@code P[q] = exp(-q STEP)} from a table: a K-wide
 * gathered dot product and one log, no exponential. Each kept term is within a factor {@code
 * exp(STEP / 2)} of its exact value and a dropped one is below {@code 1.2e-7 w_k}, so the sum is
 * within {@code STEP / 2 + log(1 + 1.2e-7 sum_k w_k / w_k*)} nats (about 1/32) of the exact value,
 * whatever the weights ({@code k*} the densest cluster, whose term is exact).
 */
public final class SlotFactors {
  /** Rows past this many array elements are not cached: Java arrays end at 2^31 - 1. */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

  /** INT8: nats between two cluster levels. */
  static final double STEP = 1.0 / 16;

  /** INT8: the level of a log-density too far below the item's largest to count. */
  private static final int DROPPED = 255;

  /** INT8: {@code exp(-q STEP)} per level {@code q}, 0 for {@link #DROPPED}. */
  private static final float[] LEVEL_WEIGHTS = new float[DROPPED + 1];

  static {
    for (int q = 0; q < DROPPED; q++) {
      LEVEL_WEIGHTS[q] = (float) Math.exp(-q * STEP);
    }
  }

  private final CacheMode mode;
  private final long modelTag;
  private final long valueGen;
  private final long modelGen;
  private final int width;

  /** INT8: the leading floats of each value held as int8; FLOAT: {@link #width}. */
  private final int quantizedFactors;

  /** Per doc id its row, or -1 without values of the model. */
  private final int[] rowOf;

  /** FLOAT: rows of {@link #width}; null for INT8. */
  private final float[] floats;

  private final byte[] quantized;
  private final float[] scales;

  /** INT8: per row its clusters' levels {@code round((m - l_k) / STEP)}; null for FLOAT. */
  private final byte[] levels;

  /** INT8: per row its largest log-density {@code m}; null for FLOAT. */
  private final float[] maxes;

  /** INT8: the log-densities per row; 0 for FLOAT. */
  private final int clusters;

  private SlotFactors(
      CacheMode mode,
      long modelTag,
      long valueGen,
      long modelGen,
      int width,
      int quantizedFactors,
      int[] rowOf,
      float[] floats,
      byte[] quantized,
      float[] scales,
      byte[] levels,
      float[] maxes) {
    this.mode = mode;
    this.modelTag = modelTag;
    this.valueGen = valueGen;
    this.modelGen = modelGen;
    this.width = width;
    this.quantizedFactors = quantizedFactors;
    this.rowOf = rowOf;
    this.floats = floats;
    this.quantized = quantized;
    this.scales = scales;
    this.levels = levels;
    this.maxes = maxes;
    this.clusters = levels == null ? 0 : width - quantizedFactors;
  }

  /**
   * Reads a slot of one segment: its model field's most common tag, and the values of the documents
   * carrying it. Null when the segment has no values in the slot, when a value of that model has a
   * length other than the first one (the docValues path then answers with its error), when the rows
   * do not fit an array, or for {@link CacheMode#INT8} when {@code int8Factors} is not inside the
   * value.
   *
   * @param valueGen the docValues generation of {@code valueField} the values belong to
   * @param modelGen the docValues generation of {@code modelField}
   * @param int8Factors INT8 only: how many leading floats are factors (the model's k)
   */
  static SlotFactors build(
      LeafReader leaf,
      String valueField,
      String modelField,
      long valueGen,
      long modelGen,
      CacheMode mode,
      int int8Factors)
      throws IOException {
    if (mode == CacheMode.OFF) {
      throw new IllegalArgumentException("nothing is built with cache mode off");
    }
    // Deleted documents (the old versions atomic updates leave until a merge) get no row: a
    // segment's deletions only grow, and a deleted document never reaches a scorer.
    Bits live = leaf.getLiveDocs();
    long[] tagAndCount = mostCommonTag(leaf.getNumericDocValues(modelField), live);
    BinaryDocValues values = leaf.getBinaryDocValues(valueField);
    NumericDocValues models = leaf.getNumericDocValues(modelField);
    if (tagAndCount == null || values == null || models == null) {
      return null;
    }
    long tag = tagAndCount[0];
    int capacity = (int) tagAndCount[1]; // documents with the tag: at most this many rows
    int[] rowOf = new int[leaf.maxDoc()];
    Arrays.fill(rowOf, -1);
    int rows = 0;
    int width = -1;
    float[] floats = null;
    byte[] quantized = null;
    float[] scales = null;
    byte[] levels = null;
    float[] maxes = null;
    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
      if ((live != null && !live.get(doc))
          || !models.advanceExact(doc)
          || models.longValue() != tag) {
        continue;
      }
      BytesRef b = values.binaryValue();
      if (width < 0) {
        width = b.length / Float.BYTES;
        if (width == 0 || b.length % Float.BYTES != 0) {
          return null;
        }
        if (mode == CacheMode.INT8 && (int8Factors <= 0 || int8Factors > width)) {
          return null;
        }
        if ((long) capacity * width > MAX_ARRAY) {
          return null;
        }
        if (mode == CacheMode.FLOAT) {
          floats = new float[capacity * width];
        } else {
          quantized = new byte[capacity * int8Factors];
          scales = new float[capacity];
          levels = new byte[capacity * (width - int8Factors)];
          maxes = new float[capacity];
        }
      } else if (b.length != width * Float.BYTES) {
        return null;
      }
      int row = rows++;
      rowOf[doc] = row;
      if (mode == CacheMode.FLOAT) {
        for (int i = 0; i < width; i++) {
          floats[row * width + i] = VectorCodec.get(b.bytes, b.offset, i);
        }
      } else {
        quantize(b, row, int8Factors, quantized, scales);
        quantizeClusters(b, row, int8Factors, width, levels, maxes);
      }
    }
    if (width < 0) {
      return null;
    }
    return new SlotFactors(
        mode,
        tag,
        valueGen,
        modelGen,
        width,
        mode == CacheMode.FLOAT ? width : int8Factors,
        rowOf,
        floats,
        quantized,
        scales,
        levels,
        maxes);
  }

  /**
   * The tag most documents carry (the smaller of equally common ones) and how many carry it; null
   * for none.
   */
  private static long[] mostCommonTag(NumericDocValues models, Bits live) throws IOException {
    if (models == null) {
      return null;
    }
    Map<Long, int[]> counts = new HashMap<>();
    for (int doc = models.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = models.nextDoc()) {
      if (live == null || live.get(doc)) {
        counts.computeIfAbsent(models.longValue(), t -> new int[1])[0]++;
      }
    }
    Long best = null;
    int bestCount = 0;
    for (Map.Entry<Long, int[]> e : counts.entrySet()) {
      int c = e.getValue()[0];
      if (c > bestCount || (c == bestCount && e.getKey() < best)) {
        best = e.getKey();
        bestCount = c;
      }
    }
    return best == null ? null : new long[] {best, bestCount};
  }

  /** Factors to int8 with the item's scale {@code max |v_i| / 127}. */
  private static void quantize(BytesRef b, int row, int factors, byte[] quantized, float[] scales) {
    float maxAbs = 0f;
    for (int i = 0; i < factors; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(VectorCodec.get(b.bytes, b.offset, i)));
    }
    float scale = maxAbs / 127f;
    scales[row] = scale;
    for (int i = 0; i < factors; i++) {
      float v = VectorCodec.get(b.bytes, b.offset, i);
      quantized[row * factors + i] = scale == 0f ? 0 : (byte) Math.round(v / scale);
    }
  }

  /**
   * Log-densities {@code l} to the row's largest one {@code m} and the levels {@code round((m -
   * l_k) / STEP)}: 0 at the densest cluster, {@link #DROPPED} past 254 levels or for an item
   * without finite values.
   */
  private static void quantizeClusters(
      BytesRef b, int row, int factors, int width, byte[] levels, float[] maxes) {
    int clusters = width - factors;
    float max = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < clusters; k++) {
      max = Math.max(max, VectorCodec.get(b.bytes, b.offset, factors + k));
    }
    maxes[row] = max;
    for (int k = 0; k < clusters; k++) {
      double below = ((double) max - VectorCodec.get(b.bytes, b.offset, factors + k)) / STEP;
      long level = Float.isFinite(max) && below >= 0 ? Math.round(below) : DROPPED;
      levels[row * clusters + k] = (byte) Math.min(level, DROPPED);
    }
  }

  /**
   * Whether this slot serves a request of the model with {@code modelTag}, whose values hold {@code
   * factors} factors and {@code clusters} log-densities.
   */
  boolean serves(long modelTag, int factors, int clusters) {
    return this.modelTag == modelTag
        && width == factors + clusters
        && (mode == CacheMode.FLOAT || quantizedFactors == factors);
  }

  boolean isOf(long valueGen, long modelGen) {
    return this.valueGen == valueGen && this.modelGen == modelGen;
  }

  CacheMode mode() {
    return mode;
  }

  /** INT8: the k its factors were quantized for; FLOAT: the whole width. */
  int quantizedFactors() {
    return quantizedFactors;
  }

  /** Tag of the model whose values this holds. */
  public long modelTag() {
    return modelTag;
  }

  /** Whether {@code doc} has values of the model. */
  public boolean has(int doc) {
    return rowOf[doc] >= 0;
  }

  /** Documents with values: the rows. */
  public int rows() {
    int rows = 0;
    for (int row : rowOf) {
      rows += row >= 0 ? 1 : 0;
    }
    return rows;
  }

  /**
   * Dot product of {@code query} ({@code factors} long) with the factors of a document that {@link
   * #has} values.
   */
  public float dot(float[] query, int doc) {
    int row = rowOf[doc];
    if (mode == CacheMode.FLOAT) {
      return CachedRowKernels.dot(query, floats, row * width);
    }
    return CachedRowKernels.quantizedDot(query, quantized, row * quantizedFactors, scales[row]);
  }

  /** The document's i-th factor (dequantized for INT8). */
  public float factor(int doc, int i) {
    int row = rowOf[doc];
    if (mode == CacheMode.FLOAT) {
      return floats[row * width + i];
    }
    return scales[row] * quantized[row * quantizedFactors + i];
  }

  /**
   * The document's log-density of cluster {@code k}, for a model of {@code factors} factors: the
   * docValues' float with FLOAT; with INT8 {@code m - q_k STEP}, negative infinity for a dropped
   * level (see the class comment for the bound of sums over it).
   */
  public float density(int doc, int factors, int k) {
    int row = rowOf[doc];
    if (mode == CacheMode.FLOAT) {
      return floats[row * width + factors + k];
    }
    int level = levels[row * clusters + k] & 0xFF;
    return level == DROPPED ? Float.NEGATIVE_INFINITY : (float) (maxes[row] - level * STEP);
  }

  /**
   * {@link CachedRowKernels#shiftedExpSums} of the document's log-densities: {@code out[0] = m},
   * {@code out[1] = sum_k a_k exp(l_k - m)}, {@code out[2]} the same with {@code b}. With INT8 the
   * exponentials come from a table of the levels: no exponential.
   */
  public void shiftedExpSums(int doc, int factors, float[] a, float[] b, double[] out) {
    int row = rowOf[doc];
    if (mode == CacheMode.FLOAT) {
      CachedRowKernels.shiftedExpSums(floats, row * width + factors, a, b, out);
      return;
    }
    out[0] = maxes[row];
    CachedRowKernels.levelSums(levels, row * clusters, LEVEL_WEIGHTS, a, b, out);
  }

  /** Whether {@link #density} and {@link #shiftedExpSums} are the docValues' values (FLOAT). */
  public boolean exactDensities() {
    return mode == CacheMode.FLOAT;
  }

  /** Heap bytes of the arrays. */
  public long bytes() {
    long b = (long) rowOf.length * Integer.BYTES;
    if (floats != null) {
      b += (long) floats.length * Float.BYTES;
    }
    if (quantized != null) {
      b += quantized.length + (long) scales.length * Float.BYTES;
      b += levels.length + (long) maxes.length * Float.BYTES;
    }
    return b;
  }
}
