package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.eval.SplitMode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}'s optional holdout ({@code --holdout --split --at}): a picocli mixin shared by
 * {@code bin/trainer train} and the Spark engine's {@code train}, so both engines evaluate by the
 * same flags and print the same report.
 */
public final class TrainHoldoutOptions {
  @Option(
      names = "--holdout",
      paramLabel = "F",
      description =
          "Hold out this fraction of each user's items and evaluate on it."
              + " Default: none (train on everything, no evaluation).")
  Double holdout;

  @Option(
      names = "--split",
      paramLabel = "random|last",
      defaultValue = "random",
      description = "How --holdout picks test items. Default: ${DEFAULT-VALUE}.")
  String split;

  @Mixin CutoffOption cutoff;

  /**
   * The holdout these flags ask for, or null without {@code --holdout}. {@code --split} and {@code
   * --at} are checked even then, so that a typo never waits for the data to load.
   */
  public HoldoutConfig toConfig() {
    SplitMode mode = SplitMode.parse(split);
    HoldoutConfig.checkCutoff(cutoff.value());
    return holdout == null
        ? null
        : new HoldoutConfig(holdout, mode, cutoff.value(), HoldoutConfig.NO_KNN_BASELINE);
  }

  /** The metrics' cutoff ({@code --at}), with or without a holdout. */
  public int at() {
    return cutoff.value();
  }
}
