package org.solrpersonalize.trainer;

import java.util.Objects;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.eval.SplitMode;

/**
 * A holdout evaluation: the model is trained without a seeded part of each user's items and then
 * ranks them, beside the popularity baseline (and item-kNN when {@code knnNeighbours > 0}).
 *
 * @param fraction of each user's items held out, in (0, 1)
 * @param split {@code random} (seeded) or {@code last} (each user's most recent items)
 * @param at cutoff of the ranking metrics (precision@at, NDCG@at, ...)
 * @param knnNeighbours neighbours per item of the item-kNN baseline; 0 leaves it out
 */
public record HoldoutConfig(double fraction, SplitMode split, int at, int knnNeighbours) {
  public static final double DEFAULT_FRACTION = 0.2;
  public static final int DEFAULT_AT = 10;
  public static final int DEFAULT_KNN_NEIGHBOURS = 50;

  /** {@link #knnNeighbours} that leaves the item-kNN baseline out ({@code train} does). */
  public static final int NO_KNN_BASELINE = 0;

  public HoldoutConfig {
    Objects.requireNonNull(split, "split");
    if (!(fraction > 0 && fraction < 1)) {
      throw new BadInputException("--holdout must be in (0, 1), got " + fraction);
    }
    checkCutoff(at);
    if (knnNeighbours < 0) {
      throw new BadInputException("--knn-neighbours must be >= 0, got " + knnNeighbours);
    }
  }

  /** The check of {@link #at}, for callers that take a cutoff before they know the holdout. */
  public static void checkCutoff(int at) {
    if (at < 1) {
      throw new BadInputException("--at must be >= 1, got " + at);
    }
  }
}
