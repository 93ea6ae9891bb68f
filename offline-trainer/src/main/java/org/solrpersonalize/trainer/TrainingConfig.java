package org.solrpersonalize.trainer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.als.ExplicitMfConfig;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.content.ContentConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.tuning.TuningConfig;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

/**
 * Everything {@link Trainer#fit} needs besides the data, validated here so that a bad value fails
 * before any work starts. Build one with {@link #builder()}: every parameter has a default.
 *
 * @param model the factorization
 * @param factors latent dimension k of the factors (explicit models with biases publish k + 2)
 * @param iterations ALS iterations, or SGD epochs
 * @param regularization L2 weight lambda; see {@link #defaultRegularization} for the measured
 *     defaults
 * @param alpha implicit confidence scale: confidence = 1 + alpha * w, with w the weight as {@code
 *     weighting} makes it (ignored by explicit models)
 * @param weighting implicit: how weights become the {@code w} of the confidence ({@code linear},
 *     {@code log}, {@code bm25}); explicit models take the weights as ratings and need {@code
 *     linear}
 * @param solver implicit row solver: a few conjugate-gradient steps (fast) or exact Cholesky
 * @param cgSteps conjugate-gradient steps per row and iteration
 * @param biases explicit models: global mean, user and item biases
 * @param learningRate explicit-sgd step size
 * @param clustering the Gaussian mixture over the item factors ({@link ClusteringConfig#NONE} for
 *     none)
 * @param holdout the holdout evaluation, or null to train on everything and evaluate nothing
 * @param seed of every random choice (initial factors, split, EM starts)
 * @param threads worker threads, >= 1; results do not depend on it
 * @param inputSettings how the interactions were read (e.g. {@code columns}, {@code events}),
 *     recorded in the manifest beside the hyperparameters; empty when unknown
 * @param tuning searches the hyperparameters it names on a validation split before the fit, which
 *     then uses the chosen values; null (the library's default) fits the config as it is
 * @param content predicts factors for catalog items without interactions from their content ({@code
 *     train --catalog}); null (the default) models the interactions' items only
 */
public record TrainingConfig(
    ModelType model,
    int factors,
    int iterations,
    double regularization,
    double alpha,
    ConfidenceWeighting weighting,
    AlsSolver solver,
    int cgSteps,
    boolean biases,
    double learningRate,
    ClusteringConfig clustering,
    HoldoutConfig holdout,
    long seed,
    int threads,
    Map<String, String> inputSettings,
    TuningConfig tuning,
    ContentConfig content) {

  public static final int DEFAULT_FACTORS = ImplicitAlsConfig.DEFAULT_FACTORS;
  public static final int DEFAULT_ITERATIONS = ImplicitAlsConfig.DEFAULT_ITERATIONS;

  /** {@code --regularization auto} for explicit models (ALS scales it by each row's count). */
  public static final double EXPLICIT_REGULARIZATION = 0.05;

  public static final long DEFAULT_SEED = 42;

  public TrainingConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(solver, "solver");
    Objects.requireNonNull(clustering, "clustering");
    Objects.requireNonNull(weighting, "weighting");
    if (model.explicit() && weighting.scheme() != ConfidenceScheme.LINEAR) {
      throw new BadInputException(
          "--confidence " + weighting.scheme().option() + " applies to the implicit model only");
    }
    inputSettings = inputSettings == null ? Map.of() : copyInOrder(inputSettings);
    if (tuning != null && model.explicit()) {
      throw new BadInputException(
          "--tune tunes the implicit model only; give explicit models --regularization");
    }
    // The factorization's own configs hold the checks (and their messages).
    if (model.explicit()) {
      new ExplicitMfConfig(
          factors, iterations, regularization, biases, learningRate, seed, threads);
    } else {
      new ImplicitAlsConfig(
          factors, iterations, regularization, alpha, solver, cgSteps, seed, threads);
    }
  }

  /**
   * {@code --regularization auto}: {@link ImplicitAlsConfig#DEFAULT_REGULARIZATION} for implicit
   * ALS (chosen by measurement), {@link #EXPLICIT_REGULARIZATION} for explicit models.
   */
  public static double defaultRegularization(ModelType model) {
    return model.explicit() ? EXPLICIT_REGULARIZATION : ImplicitAlsConfig.DEFAULT_REGULARIZATION;
  }

  /** The defaults, to be changed one by one. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .model(model)
        .factors(factors)
        .iterations(iterations)
        .regularization(regularization)
        .alpha(alpha)
        .weighting(weighting)
        .solver(solver)
        .cgSteps(cgSteps)
        .biases(biases)
        .learningRate(learningRate)
        .clustering(clustering)
        .holdout(holdout)
        .seed(seed)
        .threads(threads)
        .inputSettings(inputSettings)
        .tuning(tuning)
        .content(content);
  }

  /** The implicit factorization's part of this config. */
  public ImplicitAlsConfig implicitConfig() {
    return new ImplicitAlsConfig(
        factors, iterations, regularization, alpha, solver, cgSteps, seed, threads);
  }

  ExplicitMfConfig explicitConfig() {
    return new ExplicitMfConfig(
        factors, iterations, regularization, biases, learningRate, seed, threads);
  }

  private static Map<String, String> copyInOrder(Map<String, String> settings) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** Builds a {@link TrainingConfig}; starts from the defaults, validates in {@link #build}. */
  public static final class Builder {
    private ModelType model = ModelType.IMPLICIT;
    private int factors = DEFAULT_FACTORS;
    private int iterations = DEFAULT_ITERATIONS;
    private Double regularization; // null: the model's default
    private double alpha = ImplicitAlsConfig.DEFAULT_ALPHA;
    private ConfidenceWeighting weighting = ConfidenceWeighting.LINEAR;
    private AlsSolver solver = AlsSolver.CG;
    private int cgSteps = ImplicitAlsConfig.DEFAULT_CG_STEPS;
    private boolean biases = true;
    private double learningRate = ExplicitMfConfig.DEFAULT_LEARNING_RATE;
    private ClusteringConfig clustering = ClusteringConfig.DEFAULT;
    private HoldoutConfig holdout;
    private long seed = DEFAULT_SEED;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Map<String, String> inputSettings = Map.of();
    private TuningConfig tuning;
    private ContentConfig content;

    private Builder() {}

    public Builder model(ModelType value) {
      model = value;
      return this;
    }

    public Builder factors(int value) {
      factors = value;
      return this;
    }

    public Builder iterations(int value) {
      iterations = value;
      return this;
    }

    /** A fixed lambda; without it the model's default ({@link #defaultRegularization}). */
    public Builder regularization(double value) {
      regularization = value;
      return this;
    }

    public Builder alpha(double value) {
      alpha = value;
      return this;
    }

    public Builder weighting(ConfidenceWeighting value) {
      weighting = value;
      return this;
    }

    public Builder solver(AlsSolver value) {
      solver = value;
      return this;
    }

    public Builder cgSteps(int value) {
      cgSteps = value;
      return this;
    }

    public Builder biases(boolean value) {
      biases = value;
      return this;
    }

    public Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    public Builder clustering(ClusteringConfig value) {
      clustering = value;
      return this;
    }

    /** Evaluates on a holdout; null (the default) trains on everything. */
    public Builder holdout(HoldoutConfig value) {
      holdout = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder threads(int value) {
      threads = value;
      return this;
    }

    public Builder inputSettings(Map<String, String> value) {
      inputSettings = value;
      return this;
    }

    /** Tunes before fitting; null (the default) fits as configured. */
    public Builder tuning(TuningConfig value) {
      tuning = value;
      return this;
    }

    /** Predicts factors for catalog items without interactions; null (the default) does not. */
    public Builder content(ContentConfig value) {
      content = value;
      return this;
    }

    public TrainingConfig build() {
      return new TrainingConfig(
          model,
          factors,
          iterations,
          regularization != null ? regularization : TrainingConfig.defaultRegularization(model),
          alpha,
          weighting,
          solver,
          cgSteps,
          biases,
          learningRate,
          clustering,
          holdout,
          seed,
          threads,
          inputSettings,
          tuning,
          content);
    }
  }
}
