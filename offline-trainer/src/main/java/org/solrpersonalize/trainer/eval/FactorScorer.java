package org.solrpersonalize.trainer.eval;

import org.solrpersonalize.trainer.als.DenseVectors;

/** Scores items by the dot product of user and item factors, as the plugin's {@code userdot}. */
public final class FactorScorer implements ItemScorer {
  private final int k;
  private final float[] userFactors;
  private final float[] itemFactors;
  private final int items;

  /** @param userFactors users x k, @param itemFactors items x k, both row-major */
  public FactorScorer(int k, float[] userFactors, float[] itemFactors) {
    this.k = k;
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
    this.items = itemFactors.length / k;
  }

  @Override
  public void score(int user, float[] out) {
    int x = user * k;
    for (int i = 0; i < items; i++) {
      out[i] = DenseVectors.dot(userFactors, x, itemFactors, i * k, k);
    }
  }
}
