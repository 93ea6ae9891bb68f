package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdjustedRandIndexTest {
  @Test
  void handComputedValues() {
    assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}), 0.0);
    // Contingency [[2,1,0],[0,1,2]]: index 2, row pairs 6, column pairs 3, 15 pairs in all:
    // (2 - 6*3/15) / ((6 + 3)/2 - 6*3/15) = 0.8 / 3.3.
    assertEquals(
        0.8 / 3.3,
        AdjustedRandIndex.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2}),
        1e-15);
  }
}
