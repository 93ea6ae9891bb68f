package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.eval.SplitMode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Holdout flags of {@code evaluate}. */
final class EvaluationOptions {
  @Option(
      names = "--split",
      paramLabel = "random|last",
      defaultValue = "random",
      description =
          "random: a seeded fraction of each user's items; last: each user's most recent items."
              + " Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(
      names = "--holdout",
      paramLabel = "F",
      defaultValue = "0.2",
      description =
          "Fraction of each user's items held out for testing. Default: ${DEFAULT-VALUE}.")
  double holdout;

  @Mixin CutoffOption cutoff;

  @Option(
      names = "--knn-neighbours",
      paramLabel = "N",
      defaultValue = "50",
      description =
          "Neighbours per item of the item-kNN baseline shown beside the model; 0 leaves it out."
              + " Default: ${DEFAULT-VALUE}.")
  int knnNeighbours;

  /** The holdout these flags describe, checked as it is built. */
  HoldoutConfig toConfig() {
    return new HoldoutConfig(holdout, SplitMode.parse(split), cutoff.value(), knnNeighbours);
  }
}
