package org.solrpersonalize.trainer.gmm;

/**
 * Per-iteration callback of {@link GaussianMixtureEm}, e.g. to drive a progress bar or log the
 * likelihood curve.
 */
@FunctionalInterface
public interface EmProgress {
  /** Ignores every call. */
  EmProgress NONE = (run, iteration, meanLogLikelihood) -> {};

  /**
   * @param run restart index, 0 to {@code nInit - 1}
   * @param iteration 1-based EM iteration within the run
   * @param meanLogLikelihood mean over rows of {@code log sum_k pi_k N(x_i | mu_k, Sigma_k)} after
   *     the E-step of this iteration
   */
  void onIteration(int run, int iteration, double meanLogLikelihood);
}
