package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.CsrMatrix;

/** Fits the Gaussian mixture over item factors and derives the user cluster affinities. */
final class ClusterStep {
  private ClusterStep() {}

  static ClusterResult run(
      ClusterOptions options,
      float[] itemFactors,
      int dimension,
      CsrMatrix userItems,
      long seed,
      int threads,
      ProgressBars bars) {
    options.validateInit();
    int k = options.fixedClusters();
    if (k == 0) {
      return ClusterResult.none(options.covariance);
    }
    throw new BadInputException(
        "--clusters " + options.clusters + ": the Gaussian mixture is not in this build yet");
  }
}
