package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.BadInputException;

/**
 * Hyperparameters of explicit matrix factorization for ratings.
 *
 * @param factors latent dimension k
 * @param iterations ALS alternations, or SGD epochs
 * @param regularization L2 weight lambda; ALS scales it by each row's number of ratings (as in
 *     Zhou et al. 2008), SGD applies it at every update
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
    if (factors < 1 || factors > 1024) {
      throw new BadInputException("factors must be in [1, 1024], got " + factors);
    }
    if (iterations < 1) {
      throw new BadInputException("iterations must be >= 1, got " + iterations);
    }
    if (!(regularization > 0) || Double.isInfinite(regularization)) {
      throw new BadInputException("regularization must be a finite number > 0, got " + regularization);
    }
    if (!(learningRate > 0) || learningRate >= 1) {
      throw new BadInputException("learning rate must be in (0, 1), got " + learningRate);
    }
    if (threads < 1) {
      throw new BadInputException("threads must be >= 1, got " + threads);
    }
  }
}
