package org.solrpersonalize.trainer.eval;

import java.util.Arrays;
import org.solrpersonalize.trainer.als.DenseVectors;

/**
 * Scores items by the dot product of user and item factors, as the plugin's {@code userdot}. The
 * item factors are kept transposed (k rows of all items), so that one user's scores are k axpy
 * passes over a contiguous array, a loop the JIT vectorizes, instead of one short dot product per
 * item.
 */
public final class FactorScorer implements ItemScorer {
  private final int k;
  private final float[] userFactors;
  private final float[] transposedItems;
  private final int items;

  /**
   * @param userFactors users x k, row-major
   * @param itemFactors items x k, row-major
   */
  public FactorScorer(int k, float[] userFactors, float[] itemFactors) {
    this.k = k;
    this.userFactors = userFactors;
    this.items = itemFactors.length / k;
    this.transposedItems = new float[itemFactors.length];
    for (int i = 0; i < items; i++) {
      for (int j = 0; j < k; j++) {
        transposedItems[j * items + i] = itemFactors[i * k + j];
      }
    }
  }

  @Override
  public void score(int user, float[] out) {
    Arrays.fill(out, 0, items, 0f);
    int x = user * k;
    for (int j = 0; j < k; j++) {
      float weight = userFactors[x + j];
      if (weight != 0f) {
        DenseVectors.axpy(weight, transposedItems, j * items, out, 0, items);
      }
    }
  }
}
