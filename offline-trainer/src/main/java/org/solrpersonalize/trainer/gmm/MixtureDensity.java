package org.solrpersonalize.trainer.gmm;

/**
 * Mixture weights plus component densities: the E-step of one block of rows in log space.
 *
 * <p>For row t, {@code a_k = log pi_k + log N(x_t | mu_k, Sigma_k)}, {@code log p(x_t) = max_k a_k
 * + log sum_k exp(a_k - max_k a_k)} and {@code gamma_tk = exp(a_k - log p(x_t))}. Subtracting the
 * maximum keeps a point far from every component finite (its densities underflow in linear space).
 */
final class MixtureDensity {
  private static final int W = TransposedRows.WIDTH;

  final double[] weights;
  final ComponentDensities components;
  private final double[] logWeights;

  MixtureDensity(double[] weights, ComponentDensities components) {
    this.weights = weights;
    this.components = components;
    this.logWeights = new double[weights.length];
    for (int c = 0; c < weights.length; c++) {
      logWeights[c] = Math.log(weights[c]);
    }
  }

  int componentCount() {
    return weights.length;
  }

  int d() {
    return components.d;
  }

  /**
   * Fills the scratch's log-densities, responsibilities and row log-likelihoods for the loaded
   * block and returns the sum of the row log-likelihoods, added in row order.
   */
  double expectation(BlockScratch s) {
    TransposedRows block = s.block;
    components.logDensities(block, s.logDensities, s);
    int K = componentCount();
    double[] l = s.logDensities;
    double[] gamma = s.responsibilities;
    double sum = 0;
    for (int t = 0; t < block.rows; t++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < K; c++) {
        max = Math.max(max, logWeights[c] + l[c * W + t]);
      }
      // One exp per component: the responsibilities are the shifted terms over their sum.
      double total = 0;
      for (int c = 0; c < K; c++) {
        double e = Math.exp(logWeights[c] + l[c * W + t] - max);
        gamma[c * W + t] = e;
        total += e;
      }
      double logLikelihood = max + Math.log(total);
      double inverse = 1.0 / total;
      for (int c = 0; c < K; c++) {
        gamma[c * W + t] *= inverse;
      }
      s.rowLogLikelihood[t] = logLikelihood;
      sum += logLikelihood;
    }
    return sum;
  }
}
