package org.solrpersonalize.trainer.als;

/**
 * Tight loops over slices of flat float arrays. The dot product keeps four independent partial
 * sums, which lets the CPU overlap additions (the JIT does not reorder a float reduction itself);
 * the axpy loop is one the JIT vectorizes.
 */
public final class DenseVectors {
  private DenseVectors() {}

  /** {@code a[ao..ao+k) . b[bo..bo+k)}. */
  public static float dot(float[] a, int ao, float[] b, int bo, int k) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < k; i += 4) {
      s0 += a[ao + i] * b[bo + i];
      s1 += a[ao + i + 1] * b[bo + i + 1];
      s2 += a[ao + i + 2] * b[bo + i + 2];
      s3 += a[ao + i + 3] * b[bo + i + 3];
    }
    for (; i < k; i++) {
      s0 += a[ao + i] * b[bo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

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
