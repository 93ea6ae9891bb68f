package org.solrpersonalize.solr.kernel;

import org.solrpersonalize.math.FloatDot;

/**
 * The rerank's arithmetic over rows of the in-memory item-factor cache: float rows give exactly the
 * floats {@link EncodedVectorKernels} gives for the same values read from docValues (same lanes,
 * same order of additions), int8 rows give the dot product of the dequantized row, and packed 6-bit
 * cluster levels their table-weighted sums.
 */
public final class CachedRowKernels {
  /** Bits of one packed cluster level of the int8 cache. */
  public static final int LEVEL_BITS = 6;

  /** The largest packed level. */
  public static final int MAX_LEVEL = (1 << LEVEL_BITS) - 1;

  private CachedRowKernels() {}

  /**
   * {@code sum_i query[i] * values[offset + i]}; equal bit for bit to {@link
   * EncodedVectorKernels#dot} of the same floats encoded.
   */
  public static float dot(float[] query, float[] values, int offset) {
    return EncodedVectorKernels.simdEnabled()
        ? SimdKernels.dot(query, values, offset)
        : scalarDot(query, values, offset);
  }

  /** {@link #dot} without SIMD: {@link EncodedVectorKernels#scalarDot}'s four sums. */
  static float scalarDot(float[] query, float[] values, int offset) {
    return FloatDot.dot(query, 0, values, offset, query.length);
  }

  /**
   * {@code scale * sum_i query[i] * quantized[offset + i]}: the dot product with an int8 row whose
   * item scale is {@code scale}.
   */
  public static float quantizedDot(float[] query, byte[] quantized, int offset, float scale) {
    return EncodedVectorKernels.simdEnabled()
        ? SimdKernels.quantizedDot(query, quantized, offset, scale)
        : scalarQuantizedDot(query, quantized, offset, scale);
  }

  /** {@link #quantizedDot} without SIMD: even and odd indexes summed apart, then added. */
  static float scalarQuantizedDot(float[] query, byte[] quantized, int offset, float scale) {
    float even = 0f;
    float odd = 0f;
    int n = query.length;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      even += query[i] * quantized[offset + i];
      odd += query[i + 1] * quantized[offset + i + 1];
    }
    if (i < n) {
      even += query[i] * quantized[offset + i];
    }
    return scale * (even + odd);
  }

  /**
   * {@link EncodedVectorKernels#shiftedExpSums} over {@code values[offset, offset + a.length)},
   * equal to it bit for bit for the same floats.
   */
  public static void shiftedExpSums(
      float[] values, int offset, float[] a, float[] b, double[] out) {
    if (EncodedVectorKernels.simdEnabled()) {
      SimdKernels.shiftedExpSums(values, offset, a, b, out);
      return;
    }
    int n = a.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      max = Math.max(max, values[offset + k]);
    }
    double sa = 0;
    double sb = 0;
    if (max != Double.NEGATIVE_INFINITY) {
      for (int k = 0; k < n; k++) {
        double e = Math.exp(values[offset + k] - max);
        sa += a[k] * e;
        sb += b[k] * e;
      }
    }
    out[0] = max;
    out[1] = sa;
    out[2] = sb;
  }

  /**
   * Whether {@link #shiftedExpSumsOfColumns} runs rows side by side on SIMD registers for a model
   * of {@code clusters} clusters: with the Vector API and at least a register's lanes of clusters.
   */
  public static boolean columnsPay(int clusters) {
    return EncodedVectorKernels.simdEnabled() && clusters >= SimdKernels.lanes();
  }

  /**
   * {@link #shiftedExpSums} of {@code count} rows given as columns ({@code columns[k * stride + r]}
   * is value {@code k} of row {@code r}, {@code clusters} values a row): row {@code r}'s {@code
   * out[0]}, {@code out[1]} and {@code out[2]} go to {@code max[r]}, {@code sumA[r]} and {@code
   * sumB[r]}: the same operations in the same order as that kernel, so the same doubles once the
   * JIT has compiled both (the JDK's vector exp may differ by an ulp between the interpreter and
   * compiled code, in either kernel). Where {@link #columnsPay}, a register's lanes of rows at a
   * time; the rows left over, and every row otherwise, one by one.
   */
  public static void shiftedExpSumsOfColumns(
      float[] columns,
      int stride,
      int count,
      int clusters,
      float[] a,
      float[] b,
      double[] max,
      double[] sumA,
      double[] sumB) {
    int r = 0;
    if (columnsPay(clusters)) {
      int lanes = SimdKernels.lanes();
      int vectorEnd = clusters - clusters % lanes;
      // One register's rows at a time, each finished before the next group.
      float[] m = new float[lanes];
      float[] sa = new float[lanes];
      float[] sb = new float[lanes];
      for (; r + lanes <= count; r += lanes) {
        SimdKernels.shiftedExpSumsOfColumns(columns, stride, r, clusters, a, b, m, sa, sb);
        for (int j = 0; j < lanes; j++) {
          int row = r + j;
          max[row] = m[j];
          if (m[j] == Float.NEGATIVE_INFINITY) {
            sumA[row] = 0; // every cluster impossible, as the one-row kernel says
            sumB[row] = 0;
            continue;
          }
          // The one-row kernel's scalar tail, in double as there.
          double tailA = sa[j];
          double tailB = sb[j];
          for (int k = vectorEnd; k < clusters; k++) {
            double e = Math.exp(columns[k * stride + row] - m[j]);
            tailA += a[k] * e;
            tailB += b[k] * e;
          }
          sumA[row] = tailA;
          sumB[row] = tailB;
        }
      }
    }
    float[] one = new float[clusters];
    double[] out = new double[3];
    for (; r < count; r++) {
      for (int k = 0; k < clusters; k++) {
        one[k] = columns[k * stride + r];
      }
      shiftedExpSums(one, 0, a, b, out);
      max[r] = out[0];
      sumA[r] = out[1];
      sumB[r] = out[2];
    }
  }

  /**
   * Bytes of {@code clusters} packed levels: 4 levels of {@link #LEVEL_BITS} bits in every 3 bytes,
   * little-endian (level {@code j} of a group in bits {@code 6j .. 6j + 5} of its 24).
   */
  public static int packedLevelBytes(int clusters) {
    return (clusters + 3) / 4 * 3;
  }

  /** Level {@code k} of the packed levels starting at {@code offset}. */
  public static int level(byte[] packed, int offset, int k) {
    return (group(packed, offset + k / 4 * 3) >>> (k % 4 * LEVEL_BITS)) & MAX_LEVEL;
  }

  /** Writes {@code level} (0 to {@link #MAX_LEVEL}) as level {@code k} of a packed row. */
  public static void setLevel(byte[] packed, int offset, int k, int level) {
    int at = offset + k / 4 * 3;
    int shift = k % 4 * LEVEL_BITS;
    int g = (group(packed, at) & ~(MAX_LEVEL << shift)) | (level << shift);
    packed[at] = (byte) g;
    packed[at + 1] = (byte) (g >>> 8);
    packed[at + 2] = (byte) (g >>> 16);
  }

  private static int group(byte[] packed, int at) {
    return (packed[at] & 0xFF) | (packed[at + 1] & 0xFF) << 8 | (packed[at + 2] & 0xFF) << 16;
  }

  /**
   * The int8 cache's shifted exponential sums ({@link #shiftedExpSums} with the exponentials looked
   * up) over {@code a.length} {@link #level packed levels} {@code q_k}: {@code out[1] = sum_k a_k
   * weights[q_k]}, or 0 when {@code sum_k a_k bounds[q_k]} exceeds it (the table's bound on what
   * the levels leave out is too large a share: the caller computes that sum exactly); {@code
   * out[2]} the same with {@code b}.
   */
  public static void levelSums(
      byte[] packed,
      int offset,
      float[] weights,
      float[] bounds,
      float[] a,
      float[] b,
      double[] out) {
    float sa = 0f;
    float sb = 0f;
    float boundA = 0f;
    float boundB = 0f;
    int g = 0;
    for (int k = 0; k < a.length; k++) {
      int shift = k % 4 * LEVEL_BITS;
      if (shift == 0) {
        g = group(packed, offset + k / 4 * 3);
      }
      int q = (g >>> shift) & MAX_LEVEL;
      float e = weights[q];
      float d = bounds[q];
      sa += a[k] * e;
      sb += b[k] * e;
      boundA += a[k] * d;
      boundB += b[k] * d;
    }
    out[1] = boundA > sa ? 0 : sa;
    out[2] = boundB > sb ? 0 : sb;
  }
}
