package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkedRowsTest {
  @Test
  void foldsEveryChunkInOrderWhateverTheThreadCount() {
    int n = 10 * ChunkedRows.CHUNK_ROWS + 7;
    for (int threads : new int[] {1, 2, 3}) {
      List<int[]> folded = new ArrayList<>();
      try (ChunkedRows chunks = new ChunkedRows(threads)) {
        chunks.run(n, (first, rows) -> new int[] {first, rows}, folded::add);
      }
      assertEquals(11, folded.size());
      for (int c = 0; c < 11; c++) {
        assertEquals(c * ChunkedRows.CHUNK_ROWS, folded.get(c)[0], "first row of chunk " + c);
        assertEquals(c < 10 ? ChunkedRows.CHUNK_ROWS : 7, folded.get(c)[1], "rows of chunk " + c);
      }
    }
  }

  @Test
  void aFailingChunkFailsTheRunWithItsOwnException() {
    try (ChunkedRows chunks = new ChunkedRows(2)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  chunks.run(
                      5 * ChunkedRows.CHUNK_ROWS,
                      (first, rows) -> {
                        if (first == 3 * ChunkedRows.CHUNK_ROWS) {
                          throw new IllegalArgumentException("row " + first);
                        }
                        return first;
                      },
                      first -> {}));
      assertEquals("row 768", e.getMessage());
    }
  }
}
