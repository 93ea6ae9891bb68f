package org.solrpersonalize.spark;

import java.util.Objects;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.data.BadInputException;

/**
 * Hyperparameters of a Spark training, with the meaning of {@code bin/trainer train}'s flags: the
 * same {@code --regularization} and {@code --alpha} give the same objective as far as Spark's ALS
 * allows (see {@link RegularizationMapping}).
 *
 * @param factors latent dimension k
 * @param iterations ALS iterations (users and items each solved once per iteration)
 * @param regularization our L2 weight lambda, constant per row (> 0)
 * @param alpha confidence scale: confidence {@code 1 + alpha * weight} (>= 0)
 * @param seed seeds Spark's initial factors and every choice of the mixture
 * @param blocks ALS blocks per side, 0 for Spark's default (10)
 * @param mixture the Gaussian mixture over the item factors
 */
public record SparkTrainerConfig(
    int factors,
    int iterations,
    double regularization,
    double alpha,
    long seed,
    int blocks,
    MixtureConfig mixture) {

  public SparkTrainerConfig {
    Objects.requireNonNull(mixture, "mixture");
    if (factors < 1) {
      throw new BadInputException("--factors must be >= 1, got " + factors);
    }
    if (iterations < 1) {
      throw new BadInputException("--iterations must be >= 1, got " + iterations);
    }
    if (!(regularization > 0) || Double.isInfinite(regularization)) {
      throw new BadInputException(
          "--regularization must be a finite number > 0, got " + regularization);
    }
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new BadInputException("--alpha must be a finite number >= 0, got " + alpha);
    }
    if (blocks < 0) {
      throw new BadInputException("--blocks must be >= 0, got " + blocks);
    }
  }

  /** The local trainer's implicit defaults (k 64, 15 iterations, lambda 100, alpha 5). */
  public static SparkTrainerConfig defaults(long seed) {
    return new SparkTrainerConfig(
        ImplicitAlsConfig.DEFAULT_FACTORS,
        ImplicitAlsConfig.DEFAULT_ITERATIONS,
        ImplicitAlsConfig.DEFAULT_REGULARIZATION,
        ImplicitAlsConfig.DEFAULT_ALPHA,
        seed,
        0,
        MixtureConfig.defaults());
  }

  public SparkTrainerConfig withMixture(MixtureConfig other) {
    return new SparkTrainerConfig(factors, iterations, regularization, alpha, seed, blocks, other);
  }
}
