package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.BadInputException;

/** The hyperparameter checks every matrix factorization config shares. */
final class FactorizationChecks {
  private FactorizationChecks() {}

  static void check(int factors, int iterations, double regularization, int threads) {
    if (factors < 1 || factors > 1024) {
      throw new BadInputException("factors must be in [1, 1024], got " + factors);
    }
    if (iterations < 1) {
      throw new BadInputException("iterations must be >= 1, got " + iterations);
    }
    if (!(regularization > 0) || Double.isInfinite(regularization)) {
      throw new BadInputException(
          "regularization must be a finite number > 0, got " + regularization);
    }
    if (threads < 1) {
      throw new BadInputException("threads must be >= 1, got " + threads);
    }
  }
}
