package org.solrpersonalize.solr.kernel;

import org.solrpersonalize.math.FloatDot;

/**
 * The rerank's arithmetic over rows of the in-memory item-factor cache: float rows give exactly the
 * floats {@link EncodedVectorKernels} gives for the same values read from docValues (same lanes,
 * same order of additions), int8 rows give the dot product of the dequantized row.
 */
public final class CachedRowKernels {
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

  /** {@link #quantizedDot} without SIMD. */
  static float scalarQuantizedDot(float[] query, byte[] quantized, int offset, float scale) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int n = query.length;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      int at = offset + i;
      s0 += query[i] * quantized[at];
      s1 += query[i + 1] * quantized[at + 1];
      s2 += query[i + 2] * quantized[at + 2];
      s3 += query[i + 3] * quantized[at + 3];
    }
    for (; i < n; i++) {
      s0 += query[i] * quantized[offset + i];
    }
    return scale * ((s0 + s1) + (s2 + s3));
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
   * {@code out[1] = sum_k a_k table[levels[offset + k]]} and {@code out[2]} the same with {@code
   * b}, for unsigned byte levels: the int8 cache's shifted exponential sums ({@link
   * #shiftedExpSums} with the exponentials looked up).
   */
  public static void levelSums(
      byte[] levels, int offset, float[] table, float[] a, float[] b, double[] out) {
    float sa = 0f;
    float sb = 0f;
    for (int k = 0; k < a.length; k++) {
      float e = table[levels[offset + k] & 0xFF];
      sa += a[k] * e;
      sb += b[k] * e;
    }
    out[1] = sa;
    out[2] = sb;
  }
}
