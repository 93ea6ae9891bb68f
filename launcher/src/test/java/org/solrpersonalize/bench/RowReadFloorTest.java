package org.solrpersonalize.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowReadFloorTest {
  @Test
  void aWindowIsDistinctRowsInRowOrderAndTheSameForTheSameSeed() {
    int[] window = RowReadFloor.windowRows(50, 40, new SplittableRandom(7));
    assertEquals(40, window.length);
    for (int i = 1; i < window.length; i++) {
      assertTrue(window[i - 1] < window[i], "ascending and distinct at " + i);
    }
    assertTrue(window[0] >= 0 && window[window.length - 1] < 50);
    assertArrayEquals(window, RowReadFloor.windowRows(50, 40, new SplittableRandom(7)));
  }

  @Test
  void aWindowLargerThanTheSlotIsEveryRow() {
    int[] window = RowReadFloor.windowRows(5, 1000, new SplittableRandom(1));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, window);
  }

  @Test
  void theFloorIsAPositiveTime() {
    double micros = RowReadFloor.medianMicros(64, 80, 16, 4, 3);
    assertTrue(micros > 0 && Double.isFinite(micros), Arrays.toString(new double[] {micros}));
  }
}
