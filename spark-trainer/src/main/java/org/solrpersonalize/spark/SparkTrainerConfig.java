package org.solrpersonalize.spark;

import java.util.Objects;
import org.solrpersonalize.trainer.ModelType;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.tuning.TuningConfig;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

/**
 * Hyperparameters of a Spark training, with the meaning of {@code bin/trainer train}'s flags: the
 * same {@code --regularization}, {@code --alpha} and {@code --confidence} give the same objective
 * as far as Spark's ALS allows (see {@link RegularizationMapping}). {@link #of} builds it from the
 * local trainer's {@link TrainingConfig}, so both engines read their flags into the same values.
 *
 * @param factors latent dimension k
 * @param iterations ALS iterations (users and items each solved once per iteration)
 * @param regularization our L2 weight lambda, constant per row (> 0)
 * @param alpha confidence scale: confidence {@code 1 + alpha * w} (>= 0)
 * @param weighting how a pair's weight becomes the {@code w} of the confidence (linear, log, bm25)
 * @param seed seeds the initial factors and every choice of the mixture
 * @param als the trainer's ALS partitioned over Spark, or MLlib's
 * @param solver row solver of the trainer's ALS: conjugate gradient or exact Cholesky
 * @param cgSteps conjugate-gradient steps per row and half-iteration
 * @param blocks partitions (ALS blocks) per side, 0 for Spark's default parallelism
 * @param tuning searches what it names on the driver before the fit ({@link SparkTuning}); null
 *     fits the values as they are
 * @param mixture the Gaussian mixture over the item factors
 */
public record SparkTrainerConfig(
    int factors,
    int iterations,
    double regularization,
    double alpha,
    ConfidenceWeighting weighting,
    long seed,
    AlsImplementation als,
    AlsSolver solver,
    int cgSteps,
    int blocks,
    TuningConfig tuning,
    MixtureConfig mixture) {

  public SparkTrainerConfig {
    Objects.requireNonNull(mixture, "mixture");
    Objects.requireNonNull(als, "als");
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(weighting, "weighting");
    // The local trainer's config holds the factorization's checks (and their messages), so
    // both engines accept the same values.
    new ImplicitAlsConfig(factors, iterations, regularization, alpha, solver, cgSteps, seed, 1);
    if (blocks < 0) {
      throw new BadInputException("--blocks must be >= 0, got " + blocks);
    }
  }

  /**
   * The Spark training of the local trainer's config: its factorization, weighting, tuning and
   * mixture; its threads, holdout and content do not apply (Spark runs the rows, the holdout is
   * {@link SparkTrainer#fit}'s argument).
   *
   * @param sampleRows {@code --gmm-sample}
   * @throws BadInputException for an explicit model: the Spark engine trains implicit ALS only
   */
  public static SparkTrainerConfig of(
      TrainingConfig config, AlsImplementation als, int blocks, int sampleRows) {
    if (config.model() != ModelType.IMPLICIT) {
      throw new BadInputException(
          "--model: the Spark engine trains implicit only, got '" + config.model() + "'");
    }
    return new SparkTrainerConfig(
        config.factors(),
        config.iterations(),
        config.regularization(),
        config.alpha(),
        config.weighting(),
        config.seed(),
        als,
        config.solver(),
        config.cgSteps(),
        blocks,
        config.tuning(),
        new MixtureConfig(config.clustering(), sampleRows));
  }

  /** The local trainer's defaults (k 64, 15 iterations, lambda 100, alpha 5, linear). */
  public static SparkTrainerConfig defaults(long seed) {
    return of(
        TrainingConfig.builder().seed(seed).build(),
        AlsImplementation.TRAINER,
        0,
        MixtureConfig.DEFAULT_SAMPLE_ROWS);
  }

  /** The local trainer's configuration of the same model (one thread: Spark runs the rows). */
  public ImplicitAlsConfig implicitConfig() {
    return new ImplicitAlsConfig(
        factors, iterations, regularization, alpha, solver, cgSteps, seed, 1);
  }

  /**
   * The local trainer's config of the same factorization, for the tuner on the driver.
   *
   * @param threads the driver's worker threads
   */
  public TrainingConfig toTrainingConfig(int threads) {
    TrainingConfig.Builder builder = TrainingConfig.builder().factors(factors);
    builder.iterations(iterations).regularization(regularization).alpha(alpha);
    builder.weighting(weighting).solver(solver).cgSteps(cgSteps).seed(seed);
    return builder.threads(threads).clustering(mixture.clustering()).tuning(tuning).build();
  }

  /** The same config with the factorization values a tuning chose, and no tuning left to do. */
  public SparkTrainerConfig withTuned(TrainingConfig tuned) {
    return new SparkTrainerConfig(
        tuned.factors(),
        iterations,
        tuned.regularization(),
        tuned.alpha(),
        tuned.weighting(),
        seed,
        als,
        solver,
        cgSteps,
        blocks,
        null,
        mixture);
  }

  public SparkTrainerConfig withMixture(MixtureConfig other) {
    return new SparkTrainerConfig(
        factors,
        iterations,
        regularization,
        alpha,
        weighting,
        seed,
        als,
        solver,
        cgSteps,
        blocks,
        tuning,
        other);
  }
}
