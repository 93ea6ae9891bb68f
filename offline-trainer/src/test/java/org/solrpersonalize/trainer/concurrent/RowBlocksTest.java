package org.solrpersonalize.trainer.concurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RowBlocksTest {
  @Test
  void partialSumsComeBackInBlockOrderWhateverTheThreads() {
    for (int threads = 1; threads <= 3; threads++) {
      try (RowBlocks blocks = new RowBlocks(threads)) {
        // rows 0..9 in blocks of 4: [0,4), [4,8), [8,10)
        double[] partial =
            blocks.run(10, 4, () -> null, (from, to, unused) -> from * 100 + to);
        assertArrayEquals(new double[] {4, 408, 810}, partial);
        assertEquals(1222, RowBlocks.sum(partial));
      }
    }
  }

  @Test
  void eachThreadGetsItsOwnScratch() {
    try (RowBlocks blocks = new RowBlocks(2)) {
      double[] partial =
          blocks.run(
              1000,
              10,
              () -> new int[1],
              (from, to, scratch) -> {
                int before = scratch[0];
                scratch[0] += to - from; // only this thread touches it
                return scratch[0] - before;
              });
      assertEquals(1000, RowBlocks.sum(partial));
    }
  }

  @Test
  void aFailingBlockFailsTheRunWithItsException() {
    try (RowBlocks blocks = new RowBlocks(2)) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  blocks.run(
                      100,
                      10,
                      () -> null,
                      (from, to, unused) -> {
                        if (from == 50) {
                          throw new IllegalStateException("row 50 is bad");
                        }
                        return 0;
                      }));
      assertEquals("row 50 is bad", e.getMessage());
    }
  }
}
