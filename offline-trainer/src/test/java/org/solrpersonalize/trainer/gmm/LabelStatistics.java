package org.solrpersonalize.trainer.gmm;

/** Weight, mean and covariance of the rows a planted mixture drew from one component. */
final class LabelStatistics {
  final double weight;
  final double[] mean;

  /** d x d row-major, divided by the count (the maximum-likelihood estimate). */
  final double[] covariance;

  private LabelStatistics(double weight, double[] mean, double[] covariance) {
    this.weight = weight;
    this.mean = mean;
    this.covariance = covariance;
  }

  static LabelStatistics of(PlantedMixture m, int label) {
    int d = m.d;
    double[] mean = new double[d];
    int count = 0;
    for (int i = 0; i < m.n; i++) {
      if (m.labels[i] == label) {
        count++;
        for (int j = 0; j < d; j++) {
          mean[j] += m.data[i * d + j];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= count;
    }
    double[] cov = new double[d * d];
    for (int i = 0; i < m.n; i++) {
      if (m.labels[i] == label) {
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            cov[a * d + b] += (m.data[i * d + a] - mean[a]) * (m.data[i * d + b] - mean[b]);
          }
        }
      }
    }
    for (int i = 0; i < d * d; i++) {
      cov[i] /= count;
    }
    return new LabelStatistics((double) count / m.n, mean, cov);
  }

  double[] variances() {
    int d = mean.length;
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      v[j] = covariance[j * d + j];
    }
    return v;
  }
}
