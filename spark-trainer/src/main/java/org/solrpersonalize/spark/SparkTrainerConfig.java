package org.solrpersonalize.spark;

import java.util.Objects;
import org.solrpersonalize.trainer.als.AlsSolver;
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
 * @param seed seeds the initial factors and every choice of the mixture
 * @param als the trainer's ALS partitioned over Spark, or MLlib's
 * @param solver row solver of the trainer's ALS: conjugate gradient or exact Cholesky
 * @param cgSteps conjugate-gradient steps per row and half-iteration
 * @param blocks partitions (ALS blocks) per side, 0 for Spark's default parallelism
 * @param mixture the Gaussian mixture over the item factors
 */
public record SparkTrainerConfig(
    int factors,
    int iterations,
    double regularization,
    double alpha,
    long seed,
    AlsImplementation als,
    AlsSolver solver,
    int cgSteps,
    int blocks,
    MixtureConfig mixture) {

  public SparkTrainerConfig {
    Objects.requireNonNull(mixture, "mixture");
    Objects.requireNonNull(als, "als");
    Objects.requireNonNull(solver, "solver");
    if (cgSteps < 1) {
      throw new BadInputException("--cg-steps must be >= 1, got " + cgSteps);
    }
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
        AlsImplementation.TRAINER,
        AlsSolver.CG,
        ImplicitAlsConfig.DEFAULT_CG_STEPS,
        0,
        MixtureConfig.defaults());
  }

  /** The local trainer's configuration of the same model (one thread: Spark runs the rows). */
  public ImplicitAlsConfig implicitConfig() {
    return new ImplicitAlsConfig(
        factors, iterations, regularization, alpha, solver, cgSteps, seed, 1);
  }

  public SparkTrainerConfig withMixture(MixtureConfig other) {
    return new SparkTrainerConfig(
        factors, iterations, regularization, alpha, seed, als, solver, cgSteps, blocks, other);
  }

  public SparkTrainerConfig withAls(AlsImplementation other, AlsSolver otherSolver) {
    return new SparkTrainerConfig(
        factors,
        iterations,
        regularization,
        alpha,
        seed,
        other,
        otherSolver,
        cgSteps,
        blocks,
        mixture);
  }

  public SparkTrainerConfig withBlocks(int other) {
    return new SparkTrainerConfig(
        factors, iterations, regularization, alpha, seed, als, solver, cgSteps, other, mixture);
  }
}
