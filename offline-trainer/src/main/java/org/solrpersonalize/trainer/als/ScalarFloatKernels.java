package org.solrpersonalize.trainer.als;

/** {@link FloatKernels} in plain Java: the path of a JVM without the Vector API module. */
final class ScalarFloatKernels implements FloatKernels {
  static final ScalarFloatKernels INSTANCE = new ScalarFloatKernels();

  private ScalarFloatKernels() {}

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int k) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int i = 0;
    for (; i + LANES <= k; i += LANES) {
      s0 = Math.fma(a[ao + i], b[bo + i], s0);
      s1 = Math.fma(a[ao + i + 1], b[bo + i + 1], s1);
      s2 = Math.fma(a[ao + i + 2], b[bo + i + 2], s2);
      s3 = Math.fma(a[ao + i + 3], b[bo + i + 3], s3);
      s4 = Math.fma(a[ao + i + 4], b[bo + i + 4], s4);
      s5 = Math.fma(a[ao + i + 5], b[bo + i + 5], s5);
      s6 = Math.fma(a[ao + i + 6], b[bo + i + 6], s6);
      s7 = Math.fma(a[ao + i + 7], b[bo + i + 7], s7);
    }
    float tail = 0;
    for (; i < k; i++) {
      tail = Math.fma(a[ao + i], b[bo + i], tail);
    }
    return (((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))) + tail;
  }

  @Override
  public void axpy(float a, float[] x, int xo, float[] y, int yo, int k) {
    for (int i = 0; i < k; i++) {
      y[yo + i] = Math.fma(a, x[xo + i], y[yo + i]);
    }
  }

  @Override
  public void addScaledRows(
      float[] fixed, int[] cols, int start, int end, float[] coef, float[] out, int k) {
    for (int e = start; e < end; e++) {
      axpy(coef[e - start], fixed, cols[e] * k, out, 0, k);
    }
  }

  @Override
  public void symmetricTimes(float[] g, float[] v, float[] out, int k) {
    java.util.Arrays.fill(out, 0, k, 0f);
    for (int j = 0; j < k; j++) {
      axpy(v[j], g, j * k, out, 0, k);
    }
  }

  @Override
  public void addUpperProducts(float[] factors, int from, int to, int k, double[] g) {
    for (int r = from; r < to; r++) {
      int base = r * k;
      for (int i = 0; i < k; i++) {
        // row i of g, from its diagonal: += f_r[i] * f_r[i..k)
        addScaled(factors[base + i], factors, base + i, g, i * k + i, k - i);
      }
    }
  }

  /**
   * {@code y[yo..yo+n) += a * x[xo..xo+n)} in double, each product rounded before its sum: not
   * {@link #axpy}, which is float and fused (fma), and changing either would change the Gram sums.
   */
  private static void addScaled(double a, float[] x, int xo, double[] y, int yo, int n) {
    for (int j = 0; j < n; j++) {
      y[yo + j] += a * x[xo + j];
    }
  }
}
