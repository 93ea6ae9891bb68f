package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.ModelType;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.als.ExplicitMfConfig;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;
import picocli.CommandLine.Option;

/**
 * The factorization's flags, shared by {@code train}, {@code evaluate} and the Spark engine's
 * {@code train} (which refuses the explicit models' flags).
 */
public final class ModelOptions {
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
          "Implicit confidence scale: confidence = 1 + alpha * w, w as --confidence says."
              + " auto: tuned with --regularization (train), "
              + ImplicitAlsConfig.DEFAULT_ALPHA
              + " when not tuned. Default: ${DEFAULT-VALUE}.")
  String alpha;

  @Option(
      names = "--confidence",
      paramLabel = "linear|log|bm25|auto",
      defaultValue = "auto",
      description =
          "Implicit: the w of confidence = 1 + alpha * w. linear: the weight; log: log(1 +"
              + " weight/eps); bm25: BM25 of the user-item matrix (as implicit's bm25_weight);"
              + " auto: train searches the scheme while it tunes --regularization or --alpha,"
              + " linear otherwise. Default: ${DEFAULT-VALUE}.")
  String confidence;

  @Option(
      names = "--confidence-eps",
      paramLabel = "EPS",
      defaultValue = "" + ConfidenceWeighting.DEFAULT_EPS,
      description = "--confidence log: the weight that counts as one. Default: ${DEFAULT-VALUE}.")
  double confidenceEps;

  @Option(
      names = "--bm25-k1",
      paramLabel = "K1",
      defaultValue = "" + ConfidenceWeighting.DEFAULT_K1,
      description = "--confidence bm25: weight saturation K1. Default: ${DEFAULT-VALUE}.")
  double bm25K1;

  @Option(
      names = "--bm25-b",
      paramLabel = "B",
      defaultValue = "" + ConfidenceWeighting.DEFAULT_B,
      description =
          "--confidence bm25: length normalization B, in [0, 1]. Default: ${DEFAULT-VALUE}.")
  double bm25B;

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

  public ModelType modelType() {
    return ModelType.parse(model);
  }

  public int threadCount() {
    if (threads < 0) {
      throw new BadInputException("--threads must be >= 0, got " + threads);
    }
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** The factorization's part of the training config, checked as it is built. */
  public TrainingConfig.Builder toBuilder() {
    ModelType type = modelType();
    TrainingConfig.Builder builder =
        TrainingConfig.builder()
            .model(type)
            .factors(factors)
            .iterations(iterations)
            .weighting(
                new ConfidenceWeighting(
                    confidenceAuto() ? ConfidenceScheme.LINEAR : ConfidenceScheme.parse(confidence),
                    confidenceEps,
                    bm25K1,
                    bm25B))
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
  public boolean regularizationAuto() {
    return "auto".equals(regularization.trim());
  }

  /** Whether --confidence is auto: the tuning chooses the scheme. */
  public boolean confidenceAuto() {
    return "auto".equals(confidence.trim());
  }

  /** Whether --alpha was left at auto. */
  public boolean alphaAuto() {
    return "auto".equals(alpha.trim());
  }
}
