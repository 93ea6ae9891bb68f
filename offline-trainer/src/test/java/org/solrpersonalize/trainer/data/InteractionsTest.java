package org.solrpersonalize.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionsTest {
  private static final List<String> USERS = List.of("u1", "u2");
  private static final List<String> ITEMS = List.of("a", "b");

  @Test
  void triplesOfWeightZeroAreDroppedAndCountedAsTheLoaderDoes() {
    Interactions data =
        Interactions.fromTriples(
            USERS,
            ITEMS,
            new int[] {0, 0, 1, 1},
            new int[] {0, 1, 1, 1},
            new float[] {2, 0, 1, 3},
            new long[] {10, 20, 30, 40},
            "test");
    // (u1, b) had weight 0 only: no entry. (u2, b) merges 1 + 3, latest time 40.
    assertArrayEquals(new int[] {0, 1, 2}, data.userItems().rowPtr());
    assertArrayEquals(new int[] {0, 1}, data.userItems().cols());
    assertArrayEquals(new float[] {2, 4}, data.userItems().vals());
    assertArrayEquals(new long[] {10, 40}, data.timestamps());
    assertEquals(new LoadSummary(4, 3, 0, 0, 1, 1), data.summary());
  }

  @Test
  void aNegativeOrNonFiniteWeightIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Interactions.fromTriples(
                    USERS,
                    ITEMS,
                    new int[] {0, 1},
                    new int[] {0, 0},
                    new float[] {1, -1},
                    null,
                    "test"));
    assertEquals("triple 1 has weight -1.0, not a finite number >= 0", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Interactions.fromTriples(
                USERS, ITEMS, new int[] {0}, new int[] {0}, new float[] {Float.NaN}, null, "t"));
  }
}
