package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.ModelType;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.als.ExplicitMfConfig;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import picocli.CommandLine.Option;

/** The factorization's flags, shared by {@code train} and {@code evaluate}. */
final class ModelOptions {
  @Option(
      names = "--model",
      paramLabel = "implicit|explicit-als|explicit-sgd",
      defaultValue = "implicit",
      description =
          "implicit: ALS on interaction weights (Hu-Koren-Volinsky); explicit-als /"
              + " explicit-sgd: matrix factorization of ratings (the weights). Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(
      names = "--factors",
      paramLabel = "k",
      defaultValue = "" + TrainingConfig.DEFAULT_FACTORS,
      description = "Latent dimension k of the factors. Default: ${DEFAULT-VALUE}.")
  int factors;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "15",
      description = "ALS iterations (SGD epochs). Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Option(
      names = "--regularization",
      paramLabel = "R|auto",
      defaultValue = "auto",
      description =
          "L2 weight lambda. auto = "
              + ImplicitAlsConfig.DEFAULT_REGULARIZATION
              + " for implicit when not tuned (train tunes it with --alpha on a validation split"
              + " carved from the training data unless the log is too large, see --tune), "
              + TrainingConfig.EXPLICIT_REGULARIZATION
              + " for explicit models (times each row's rating count for ALS)."
              + " Default: ${DEFAULT-VALUE}.")
  String regularization;

  @Option(
      names = "--alpha",
      paramLabel = "A",
      defaultValue = "auto",
      description =
          "Implicit confidence scale: confidence = 1 + alpha * weight. auto: tuned with"
              + " --regularization (train), "
              + ImplicitAlsConfig.DEFAULT_ALPHA
              + " when not tuned. Default: ${DEFAULT-VALUE}.")
  String alpha;

  @Option(
      names = "--solver",
      paramLabel = "cg|cholesky",
      defaultValue = "cg",
      description =
          "Implicit row solver: a few conjugate-gradient steps (fast) or exact Cholesky."
              + " Default: ${DEFAULT-VALUE}.")
  String solver;

  @Option(
      names = "--cg-steps",
      paramLabel = "N",
      defaultValue = "" + ImplicitAlsConfig.DEFAULT_CG_STEPS,
      description = "Conjugate-gradient steps per row and iteration. Default: ${DEFAULT-VALUE}.")
  int cgSteps;

  @Option(
      names = "--biases",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Explicit models: global mean, user and item biases. Default: ${DEFAULT-VALUE}.")
  boolean biases;

  @Option(
      names = "--learning-rate",
      paramLabel = "RATE",
      defaultValue = "" + ExplicitMfConfig.DEFAULT_LEARNING_RATE,
      description = "explicit-sgd step size. Default: ${DEFAULT-VALUE}.")
  double learningRate;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description =
          "Seed of every random choice (initial factors, split). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Worker threads, 0 = all available cores; results do not depend on it."
              + " Default: ${DEFAULT-VALUE}.")
  int threads;

  ModelType modelType() {
    return ModelType.parse(model);
  }

  int threadCount() {
    if (threads < 0) {
      throw new BadInputException("--threads must be >= 0, got " + threads);
    }
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** The factorization's part of the training config, checked as it is built. */
  TrainingConfig.Builder toBuilder() {
    ModelType type = modelType();
    TrainingConfig.Builder builder =
        TrainingConfig.builder()
            .model(type)
            .factors(factors)
            .iterations(iterations)
            .solver(AlsSolver.parse(solver))
            .cgSteps(cgSteps)
            .biases(biases)
            .learningRate(learningRate)
            .seed(seed)
            .threads(threadCount());
    if (!regularizationAuto()) {
      try {
        builder.regularization(Double.parseDouble(regularization.trim()));
      } catch (NumberFormatException e) {
        throw new BadInputException(
            "--regularization must be a number or auto, got '" + regularization + "'");
      }
    }
    if (!alphaAuto()) {
      try {
        builder.alpha(Double.parseDouble(alpha.trim()));
      } catch (NumberFormatException e) {
        throw new BadInputException("--alpha must be a number or auto, got '" + alpha + "'");
      }
    }
    return builder;
  }

  /** Whether --regularization was left at auto. */
  boolean regularizationAuto() {
    return "auto".equals(regularization.trim());
  }

  /** Whether --alpha was left at auto. */
  boolean alphaAuto() {
    return "auto".equals(alpha.trim());
  }
}
