package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.ModelType;
import org.solrpersonalize.trainer.tuning.TuningConfig;
import org.solrpersonalize.trainer.tuning.TuningMetric;
import picocli.CommandLine.Option;

/** Flags of the hyperparameter tuning ({@code train} of both engines). */
public final class TuneOptions {
  @Option(
      names = "--tune",
      defaultValue = "false",
      description =
          "Tune --regularization and --alpha (those left at auto) on a seeded validation split"
              + " carved from the training data, then fit on all of it. Without this flag, auto"
              + " tunes logs of up to "
              + TuningConfig.DEFAULT_AUTO_MAX_INTERACTIONS
              + " interactions and keeps the defaults above. Default: ${DEFAULT-VALUE}.")
  boolean tune;

  @Option(
      names = "--tune-budget",
      paramLabel = "N",
      defaultValue = "" + TuningConfig.DEFAULT_BUDGET,
      description =
          "Fits the training may cost, the final one included: the search gets N-1 fits' worth"
              + " of ALS iterations. Default: ${DEFAULT-VALUE}.")
  int budget;

  @Option(
      names = "--tune-metric",
      paramLabel = "ndcg|map|recall|precision|hit_rate",
      defaultValue = "ndcg",
      description = "Validation figure maximized, at --at. Default: ${DEFAULT-VALUE}.")
  String metric;

  @Option(
      names = "--tune-factors",
      defaultValue = "false",
      description =
          "Search the factor count too (16, 32, 64, 128); implies --tune."
              + " Default: ${DEFAULT-VALUE}.")
  boolean factors;

  /**
   * The tuning the flags ask for, or null: nothing to tune (both values given, no --tune), or an
   * explicit model left at auto.
   */
  public TuningConfig toConfig(ModelOptions model, int at) {
    boolean requested = tune || factors;
    boolean regularization = model.regularizationAuto();
    boolean alpha = model.alphaAuto();
    // The scheme is searched beside lambda or alpha, never alone: given values mean no tuning.
    boolean weighting = model.confidenceAuto() && (regularization || alpha);
    if (!requested && (!(regularization || alpha) || model.modelType() != ModelType.IMPLICIT)) {
      return null;
    }
    return new TuningConfig(
        requested,
        regularization,
        alpha,
        factors,
        budget,
        TuningMetric.parse(metric),
        at,
        TuningConfig.DEFAULT_VALIDATION_FRACTION,
        TuningConfig.DEFAULT_AUTO_MAX_INTERACTIONS,
        weighting);
  }
}
