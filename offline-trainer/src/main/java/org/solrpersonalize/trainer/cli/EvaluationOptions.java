package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.data.BadInputException;
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
      description = "Fraction of each user's items held out for testing. Default: ${DEFAULT-VALUE}.")
  double holdout;

  @Option(
      names = "--k",
      paramLabel = "K",
      defaultValue = "10",
      description = "Cutoff of the ranking metrics. Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(
      names = "--knn-neighbours",
      paramLabel = "N",
      defaultValue = "50",
      description =
          "Neighbours per item of the item-kNN baseline shown beside the model; 0 leaves it out."
              + " Default: ${DEFAULT-VALUE}.")
  int knnNeighbours;

  void validate() {
    checkCutoff(k);
    if (knnNeighbours < 0) {
      throw new BadInputException("--knn-neighbours must be >= 0, got " + knnNeighbours);
    }
  }

  static void checkCutoff(int k) {
    if (k < 1) {
      throw new BadInputException("--k must be >= 1, got " + k);
    }
  }
}
