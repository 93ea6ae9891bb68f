package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.BadInputException;

/**
 * Hyperparameters of explicit matrix factorization for ratings.
 *
 * @param factors latent dimension k
 * @param iterations ALS alternations, or SGD epochs
 * @param regularization L2 weight lambda; ALS scales it by each row's number of ratings (as in Zhou
 *     et al. 2008), SGD applies it at every update
 * @param biases model a global mean and per-user and per-item offsets
 * @param learningRate SGD step size (unused by ALS)
 * @param seed seeds the initial factors (and the SGD visiting order)
 * @param threads ALS worker threads (SGD runs on one thread, so its result is reproducible)
 */
public record ExplicitMfConfig(
    int factors,
    int iterations,
    double regularization,
    boolean biases,
    double learningRate,
    long seed,
    int threads) {

  public static final double DEFAULT_LEARNING_RATE = 0.01;

  public ExplicitMfConfig {
    FactorizationChecks.check(factors, iterations, regularization, threads);
    if (!(learningRate > 0) || learningRate >= 1) {
      throw new BadInputException("learning rate must be in (0, 1), got " + learningRate);
    }
  }
}
