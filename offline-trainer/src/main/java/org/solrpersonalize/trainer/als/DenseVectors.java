package org.solrpersonalize.trainer.als;

/**
 * Tight loops over slices of flat float arrays; the axpy loop is one the JIT vectorizes. The dot
 * product is {@link org.solrpersonalize.math.FloatDot#dot}, shared with the plugin.
 */
public final class DenseVectors {
  private DenseVectors() {}

  /** {@code y[yo..yo+k) += a * x[xo..xo+k)}. */
  public static void axpy(float a, float[] x, int xo, float[] y, int yo, int k) {
    for (int i = 0; i < k; i++) {
      y[yo + i] += a * x[xo + i];
    }
  }

  /** {@code out = g * v} for a symmetric k x k row-major {@code g}, as k axpy passes. */
  public static void symmetricTimes(float[] g, float[] v, float[] out, int k) {
    java.util.Arrays.fill(out, 0, k, 0f);
    for (int j = 0; j < k; j++) {
      float vj = v[j];
      if (vj != 0) {
        axpy(vj, g, j * k, out, 0, k);
      }
    }
  }
}
