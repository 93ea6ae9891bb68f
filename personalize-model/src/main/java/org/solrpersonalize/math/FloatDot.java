package org.solrpersonalize.math;

/**
 * The scalar dot product of float slices that the trainer and the plugin's non-SIMD path share, so
 * both add in the same order and give the same float bit for bit.
 */
public final class FloatDot {
  private FloatDot() {}

  /**
   * {@code sum_i a[aOffset + i] * b[bOffset + i]} for {@code i < n}, in four independent sums: one
   * running sum would make every add wait for the previous one (the JIT does not reorder a float
   * reduction itself), which costs more than the loads.
   */
  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[aOffset + i] * b[bOffset + i];
      s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
      s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
      s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[aOffset + i] * b[bOffset + i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
