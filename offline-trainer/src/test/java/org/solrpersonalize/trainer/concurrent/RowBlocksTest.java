package org.solrpersonalize.trainer.concurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RowBlocksTest {
  @Test
  void partialSumsComeBackInBlockOrderWhateverTheThreads() {
    for (int threads = 1; threads <= 3; threads++) {
      try (RowBlocks blocks = new RowBlocks(threads)) {
        // rows 0..9 in blocks of 4: [0,4), [4,8), [8,10)
        double[] partial = blocks.run(10, 4, () -> null, (from, to, unused) -> from * 100 + to);
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
    IllegalStateException e =
        thrownOnTwoThreads(
            IllegalStateException.class,
            blocks ->
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

  @Test
  void foldSeesEveryBlockInOrderWhateverTheThreadCount() {
    int n = 10 * 256 + 7;
    for (int threads : new int[] {1, 2, 3}) {
      List<int[]> folded = new ArrayList<>();
      try (RowBlocks blocks = new RowBlocks(threads)) {
        blocks.fold(n, 256, (first, rows) -> new int[] {first, rows}, folded::add);
      }
      assertEquals(11, folded.size());
      for (int c = 0; c < 11; c++) {
        assertEquals(c * 256, folded.get(c)[0], "first row of block " + c);
        assertEquals(c < 10 ? 256 : 7, folded.get(c)[1], "rows of block " + c);
      }
    }
  }

  @Test
  void aFailingBlockFailsTheFoldWithItsOwnException() {
    IllegalArgumentException e =
        thrownOnTwoThreads(
            IllegalArgumentException.class,
            blocks ->
                blocks.fold(
                    5 * 256,
                    256,
                    (first, rows) -> {
                      if (first == 3 * 256) {
                        throw new IllegalArgumentException("row " + first);
                      }
                      return first;
                    },
                    first -> {}));
    assertEquals("row 768", e.getMessage());
  }

  /** What {@code work} throws to its caller when it runs on a pool of two threads. */
  private static <E extends Throwable> E thrownOnTwoThreads(
      Class<E> type, Consumer<RowBlocks> work) {
    try (RowBlocks blocks = new RowBlocks(2)) {
      return assertThrows(type, () -> work.accept(blocks));
    }
  }
}
