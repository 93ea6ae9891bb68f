package org.solrpersonalize.trainer.gmm;

import java.util.SplittableRandom;

/** Rows drawn from a known Gaussian mixture, with the component each row came from. */
final class PlantedMixture {
  final float[] data;
  final int[] labels;
  final int n;
  final int d;

  private PlantedMixture(float[] data, int[] labels, int n, int d) {
    this.data = data;
    this.labels = labels;
    this.n = n;
    this.d = d;
  }

  /**
   * Three components in 2-d: means (0,0), (6,0), (0,6); correlated, axis-aligned and round
   * covariances; weights 0.5, 0.3, 0.2.
   */
  static PlantedMixture threeIn2d(int n, long seed) {
    double[][] means = {{0, 0}, {6, 0}, {0, 6}};
    // Cholesky factors (lower, row-major) of the covariances [[1,.6],[.6,1]], [[.5,0],[0,2]], I.
    double[][] factors = {{1, 0, 0.6, 0.8}, {Math.sqrt(0.5), 0, 0, Math.sqrt(2)}, {1, 0, 0, 1}};
    return draw(n, seed, new double[] {0.5, 0.3, 0.2}, means, factors);
  }

  /** Like {@link #threeIn2d} with every covariance diagonal: (1, 0.5), (0.5, 2) and (1, 1). */
  static PlantedMixture threeAxisAlignedIn2d(int n, long seed) {
    double[][] means = {{0, 0}, {6, 0}, {0, 6}};
    double[][] factors = {
      {1, 0, 0, Math.sqrt(0.5)}, {Math.sqrt(0.5), 0, 0, Math.sqrt(2)}, {1, 0, 0, 1}
    };
    return draw(n, seed, new double[] {0.5, 0.3, 0.2}, means, factors);
  }

  /**
   * K components in d dimensions with means drawn from N(0, spread^2 I) and random covariances
   * {@code A A^T / d + 0.1 I}-like through random lower factors.
   */
  static PlantedMixture random(int n, int d, int k, double spread, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    double[] weights = new double[k];
    double[][] means = new double[k][d];
    double[][] factors = new double[k][d * d];
    for (int c = 0; c < k; c++) {
      weights[c] = 1.0 / k;
      for (int j = 0; j < d; j++) {
        means[c][j] = spread * GaussianSampler.standardNormal(random);
        factors[c][j * d + j] = 0.5 + random.nextDouble();
        for (int m = 0; m < j; m++) {
          factors[c][j * d + m] = 0.3 * GaussianSampler.standardNormal(random) / Math.sqrt(d);
        }
      }
    }
    return draw(n, seed, weights, means, factors);
  }

  static PlantedMixture draw(
      int n, long seed, double[] weights, double[][] means, double[][] lowerFactors) {
    int d = means[0].length;
    SplittableRandom random = new SplittableRandom(seed);
    float[] data = new float[n * d];
    int[] labels = new int[n];
    double[] e = new double[d];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      int c = 0;
      while (c < weights.length - 1 && u >= weights[c]) {
        u -= weights[c];
        c++;
      }
      labels[i] = c;
      GaussianSampler.drawRow(random, means[c], lowerFactors[c], e, data, i * d);
    }
    return new PlantedMixture(data, labels, n, d);
  }
}
