package org.solrpersonalize.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TopKTest {
  private final float[] scores = {0.5f, 0.9f, 0.9f, 0.1f, 0.7f};

  @Test
  void bestFirstWithTiesToTheLowerIndex() {
    int[] out = new int[3];
    assertEquals(3, new TopK(3).select(scores, new int[0], 0, 0, out));
    assertArrayEquals(new int[] {1, 2, 4}, out);
  }

  @Test
  void excludedItemsAreSkipped() {
    int[] out = new int[3];
    assertEquals(3, new TopK(3).select(scores, new int[] {9, 1, 2}, 1, 3, out));
    assertArrayEquals(new int[] {4, 0, 3}, out);
  }

  @Test
  void fewerEligibleItemsThanK() {
    int[] out = new int[10];
    assertEquals(2, new TopK(10).select(scores, new int[] {0, 1, 3}, 0, 3, out));
    assertArrayEquals(new int[] {2, 4}, Arrays.copyOf(out, 2));
  }

  @Test
  void amongCandidatesOnly() {
    int[] out = new int[2];
    assertEquals(2, new TopK(2).selectAmong(scores, new int[] {3, 0, 4}, 3, out));
    assertArrayEquals(new int[] {4, 0}, out);
  }
}
