package org.solrpersonalize.synthetic;

import java.util.SplittableRandom;

/**
 * Synthetic item factors for timing the Gaussian mixture fit ({@code bin/bench}): K planted
 * components with random means and correlated covariances, the way ALS factors cluster.
 */
public final class SyntheticFactors {
  private SyntheticFactors() {}

  /**
   * Rows from K components with means drawn from N(0, I) and covariances {@code B B^T} with B
   * lower-triangular, diagonal in [0.2, 0.5] and small off-diagonal terms: overlapping, correlated
   * clusters of roughly unit scale, like normalised ALS factors.
   */
  public static float[] generate(int n, int d, int k, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] means = new double[k][d];
    double[][] factors = new double[k][d * d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        means[c][j] = gaussian(random);
        factors[c][j * d + j] = 0.2 + 0.3 * random.nextDouble();
        for (int m = 0; m < j; m++) {
          factors[c][j * d + m] = 0.1 * gaussian(random) / Math.sqrt(d);
        }
      }
    }
    float[] data = new float[n * d];
    double[] e = new double[d];
    for (int i = 0; i < n; i++) {
      int c = random.nextInt(k);
      for (int j = 0; j < d; j++) {
        e[j] = gaussian(random);
      }
      for (int j = 0; j < d; j++) {
        double v = means[c][j];
        for (int m = 0; m <= j; m++) {
          v += factors[c][j * d + m] * e[m];
        }
        data[i * d + j] = (float) v;
      }
    }
    return data;
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
