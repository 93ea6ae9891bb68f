package org.solrpersonalize.spark;

import org.solrpersonalize.trainer.data.LowerCaseChoice;

/** Which ALS the Spark trainer runs ({@code --als}). */
public enum AlsImplementation implements LowerCaseChoice {
  /**
   * The local trainer's ALS, its rows partitioned over Spark ({@link PartitionedImplicitAls}): the
   * same equations, lambda, initial factors and solvers, so the same flags give the same model as
   * {@code bin/trainer train}. The default.
   */
  TRAINER,
  /**
   * Spark MLlib's {@code ALS}: lambda scaled by each row's length (ALS-WR), which no single {@code
   * regParam} can make constant; see {@link RegularizationMapping}.
   */
  MLLIB;

  /** Parses {@code trainer} or {@code mllib}. */
  public static AlsImplementation parse(String text) {
    return LowerCaseChoice.parse(AlsImplementation.class, "--als", text);
  }
}
