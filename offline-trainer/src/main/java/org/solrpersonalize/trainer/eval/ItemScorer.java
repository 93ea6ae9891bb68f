package org.solrpersonalize.trainer.eval;

/**
 * Scores every item for one user; higher ranks first. Implementations are called from several
 * threads at once, each with its own output array.
 */
@FunctionalInterface
public interface ItemScorer {
  /** Writes the score of every item into {@code out} (length = number of items). */
  void score(int user, float[] out);
}
