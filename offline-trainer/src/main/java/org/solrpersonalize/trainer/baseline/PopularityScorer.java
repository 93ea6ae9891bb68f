package org.solrpersonalize.trainer.baseline;

import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.eval.ItemScorer;

/**
 * Scores every item by the number of users who interacted with it in training, the same for every
 * user: the baseline every personalized figure is printed beside.
 */
public final class PopularityScorer implements ItemScorer {
  private final float[] popularity;

  /**
   * @param itemUsers items x users training matrix
   */
  public PopularityScorer(CsrMatrix itemUsers) {
    popularity = new float[itemUsers.rows()];
    for (int i = 0; i < popularity.length; i++) {
      popularity[i] = itemUsers.rowLength(i);
    }
  }

  @Override
  public void score(int user, float[] out) {
    System.arraycopy(popularity, 0, out, 0, popularity.length);
  }
}
