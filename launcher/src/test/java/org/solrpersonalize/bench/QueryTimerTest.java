package org.solrpersonalize.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.random.FisherYates;

class QueryTimerTest {
  @Test
  void everyStepRunsEachVariantOnceInAnOrderOfTheSeed() {
    SplittableRandom a = new SplittableRandom(42);
    SplittableRandom b = new SplittableRandom(42);
    int[][] followers = new int[9][9];
    for (int step = 0; step < 900; step++) {
      // The order QueryTimer.run draws for each step.
      int[] first = FisherYates.permutation(9, a);
      int[] again = FisherYates.permutation(9, b);
      assertArrayEquals(first, again, "the same seed gives the same orders");
      int[] sorted = first.clone();
      Arrays.sort(sorted);
      assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, sorted, "each variant once");
      for (int i = 1; i < first.length; i++) {
        followers[first[i - 1]][first[i]]++;
      }
    }
    // Unlike a rotation of one order, every variant follows every other one.
    for (int before = 0; before < 9; before++) {
      for (int after = 0; after < 9; after++) {
        assertEquals(before == after, followers[before][after] == 0, before + " then " + after);
      }
    }
  }
}
