package org.solrpersonalize.trainer.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.data.CsrMatrix;

class ItemKnnModelTest {
  // u0: i0=1, i1=1   u1: i0=1, i2=2   u2: i1=1, i2=1
  // item vectors over users: i0 = (1,1,0), i1 = (1,0,1), i2 = (0,2,1)
  // cosine: (0,1) = 1/2, (0,2) = 2/sqrt(10), (1,2) = 1/sqrt(10)
  private final CsrMatrix userItems =
      new CsrMatrix(
          3,
          3,
          new int[] {0, 2, 4, 6},
          new int[] {0, 1, 0, 2, 1, 2},
          new float[] {1, 1, 1, 2, 1, 1});
  private final ItemKnnModel knn = ItemKnnModel.fit(userItems.transpose(), userItems, 2, 2);

  @Test
  void neighboursAreRankedByCosine() {
    assertArrayEquals(new int[] {2, 1}, knn.neighbours(0));
    assertArrayEquals(new float[] {(float) (2 / Math.sqrt(10)), 0.5f}, knn.similarities(0), 1e-7f);
    assertArrayEquals(new int[] {0, 2}, knn.neighbours(1));
    assertArrayEquals(new float[] {0.5f, (float) (1 / Math.sqrt(10))}, knn.similarities(1), 1e-7f);
    assertArrayEquals(new int[] {0, 1}, knn.neighbours(2));
  }

  @Test
  void neighbourhoodSizeCapsTheList() {
    ItemKnnModel one = ItemKnnModel.fit(userItems.transpose(), userItems, 1, 1);
    assertArrayEquals(new int[] {0}, one.neighbours(2));
  }

  @Test
  void userScoreSumsWeightedSimilaritiesOfTheirItems() {
    float[] scores = new float[3];
    knn.scorer(userItems).score(0, scores);
    // u0 has i0 and i1 (weight 1 each): i0 <- sim(1,0); i1 <- sim(0,1); i2 <- sim(0,2) + sim(1,2)
    assertArrayEquals(new float[] {0.5f, 0.5f, (float) (3 / Math.sqrt(10))}, scores, 1e-6f);
  }
}
