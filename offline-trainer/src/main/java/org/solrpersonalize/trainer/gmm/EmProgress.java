package org.solrpersonalize.trainer.gmm;

/**
 * Per-iteration callback of {@link GaussianMixtureEm}, e.g. to drive a progress bar or log the
 * likelihood curve. Called on the thread that called {@code fit}: {@link #onFit} once per fit, then
 * {@link #onIteration} once per E-step, {@code maxIterations + 1} times at most per run.
 */
@FunctionalInterface
public interface EmProgress {
  /** Ignores every call. */
  EmProgress NONE = (run, iteration, meanLogLikelihood) -> {};

  /**
   * @param run restart index, 0 to {@code nInit - 1}
   * @param iteration M-steps made so far in this run: 0 for the model from the k-means++ start, at
   *     most {@code maxIterations}
   * @param meanLogLikelihood mean over rows of {@code log sum_k pi_k N(x_i | mu_k, Sigma_k)} under
   *     the current parameters
   */
  void onIteration(int run, int iteration, double meanLogLikelihood);

  /**
   * Called once per {@code fit}, before its first run, with the number of components being fitted.
   * Ignored by default.
   *
   * @param components K of the fit that the following {@link #onIteration} calls belong to
   */
  default void onFit(int components) {}
}
