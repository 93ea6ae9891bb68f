package org.solrpersonalize.synthetic;

import java.util.SplittableRandom;
import org.solrpersonalize.trainer.gmm.GaussianSampler;

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
        means[c][j] = GaussianSampler.standardNormal(random);
        factors[c][j * d + j] = 0.2 + 0.3 * random.nextDouble();
        for (int m = 0; m < j; m++) {
          factors[c][j * d + m] = 0.1 * GaussianSampler.standardNormal(random) / Math.sqrt(d);
        }
      }
    }
    float[] data = new float[n * d];
    double[] e = new double[d];
    for (int i = 0; i < n; i++) {
      int c = random.nextInt(k);
      GaussianSampler.drawRow(random, means[c], factors[c], e, data, i * d);
    }
    return data;
  }
}
