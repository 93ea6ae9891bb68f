package org.solrpersonalize.trainer.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.als.FactorInit;

class RowSeedsTest {
  @Test
  void noTwoStreamsShareARowsGenerator() {
    // Before, the holdout's stream of user u was item u + 1's factor stream.
    Set<Long> seeds = new HashSet<>();
    int rows = 20_000;
    for (int stream = 0; stream < 4; stream++) {
      for (int row = 0; row < rows; row++) {
        seeds.add(RowSeeds.of(42, stream, row));
      }
    }
    assertEquals(4 * rows, seeds.size());
  }

  @Test
  void theFactorStreamsKeepTheirSeeds() {
    // FactorInit.rowSeed's values before the holdout and synthetic streams moved apart, so that a
    // seed trains the model it trained before.
    assertEquals(-4767286540954276203L, RowSeeds.of(42, FactorInit.USER_SIDE, 0));
    assertEquals(3752715396868486130L, RowSeeds.of(42, FactorInit.ITEM_SIDE, 7));
    assertEquals(6774805939866926017L, RowSeeds.of(-3, FactorInit.USER_SIDE, 123_456));
  }

  @Test
  void anUnknownStreamOrANegativeRowIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RowSeeds.of(1, 4, 0));
    assertThrows(IllegalArgumentException.class, () -> RowSeeds.of(1, 0, -1));
  }
}
