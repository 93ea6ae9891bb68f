package org.solrpersonalize.trainer.gmm;

/**
 * Sixteen coefficients {@code C[r][s]} (r, s in 0..3) held in fields, not an array, so that a loop
 * over a long run of columns does sixteen multiply-adds per four loads, which the JIT vectorises:
 * the tiles of the full-covariance triangular solve ({@link ComponentDensities}) and of the
 * weighted outer products ({@link SufficientStatistics}). Each output is {@code c_r0 v_0 + c_r1 v_1
 * + c_r2 v_2 + c_r3 v_3} summed in that order, so both callers compute what their own unrolled
 * loops did.
 */
final class Tile4x4 {
  private final Row r0;
  private final Row r1;
  private final Row r2;
  private final Row r3;

  /**
   * {@code C[r][s] = scale * m[offset + r * rowStride + s * columnStride]}; a scale of -1 turns
   * {@link #multiplyAdd} into a subtraction with the same rounding (negation is exact).
   */
  Tile4x4(double[] m, int offset, int rowStride, int columnStride, double scale) {
    r0 = Row.of(m, offset, columnStride, scale);
    r1 = Row.of(m, offset + rowStride, columnStride, scale);
    r2 = Row.of(m, offset + 2 * rowStride, columnStride, scale);
    r3 = Row.of(m, offset + 3 * rowStride, columnStride, scale);
  }

  /**
   * {@code out[outOffset + r * outStride + t] += sum_s C[r][s] in[inOffset + s * inStride + t]} for
   * r in 0..3 and t in [from, to).
   */
  void multiplyAdd(
      double[] in,
      int inOffset,
      int inStride,
      double[] out,
      int outOffset,
      int outStride,
      int from,
      int to) {
    int i1 = inOffset + inStride;
    int i2 = i1 + inStride;
    int i3 = i2 + inStride;
    int o1 = outOffset + outStride;
    int o2 = o1 + outStride;
    int o3 = o2 + outStride;
    for (int t = from; t < to; t++) {
      double v0 = in[inOffset + t];
      double v1 = in[i1 + t];
      double v2 = in[i2 + t];
      double v3 = in[i3 + t];
      out[outOffset + t] += r0.dot(v0, v1, v2, v3);
      out[o1 + t] += r1.dot(v0, v1, v2, v3);
      out[o2 + t] += r2.dot(v0, v1, v2, v3);
      out[o3 + t] += r3.dot(v0, v1, v2, v3);
    }
  }

  /** One row of the tile. */
  private record Row(double c0, double c1, double c2, double c3) {
    static Row of(double[] m, int at, int stride, double scale) {
      return new Row(
          scale * m[at],
          scale * m[at + stride],
          scale * m[at + 2 * stride],
          scale * m[at + 3 * stride]);
    }

    /** Summed left to right, as the unrolled loops this replaces. */
    double dot(double v0, double v1, double v2, double v3) {
      return c0 * v0 + c1 * v1 + c2 * v2 + c3 * v3;
    }
  }
}
