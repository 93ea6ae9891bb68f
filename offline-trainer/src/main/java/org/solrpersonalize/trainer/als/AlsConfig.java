package org.solrpersonalize.trainer.als;

/**
 * Hyperparameters of implicit ALS.
 *
 * @param factors latent dimension k
 * @param iterations alternating sweeps (users then items)
 * @param regularization L2 weight lambda on both factor matrices
 * @param alpha confidence scale: {@code c = 1 + alpha * w}
 * @param cgSteps conjugate-gradient steps per row and sweep (warm-started; Takacs et al.)
 * @param seed initial factors are drawn from it, per row, so threads do not change results
 * @param threads rows are solved in parallel
 */
public record AlsConfig(int factors, int iterations, double regularization, double alpha,
    int cgSteps, long seed, int threads) {
  public AlsConfig {
    if (factors < 1 || factors > 1024) {
      throw new IllegalArgumentException("--factors must be in 1..1024, got " + factors);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
    }
    if (!(regularization > 0)) {
      throw new IllegalArgumentException("--regularization must be > 0, got " + regularization);
    }
    if (!(alpha >= 0)) {
      throw new IllegalArgumentException("--alpha must be >= 0, got " + alpha);
    }
    if (cgSteps < 1 || threads < 1) {
      throw new IllegalArgumentException("cg steps and threads must be >= 1");
    }
  }
}
