package org.solrpersonalize.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.Interactions;

class SyntheticInteractionsTest {
  private final SyntheticConfig config = new SyntheticConfig(200, 64, 4000, 4, 0.8, 0.8, 9);

  @Test
  void sameSeedSameInteractions() {
    Interactions a = SyntheticInteractions.generate(config);
    Interactions b = SyntheticInteractions.generate(config);
    assertArrayEquals(a.userItems().rowPtr(), b.userItems().rowPtr());
    assertArrayEquals(a.userItems().cols(), b.userItems().cols());
    assertArrayEquals(a.userItems().vals(), b.userItems().vals());
    assertEquals(4000, a.summary().linesRead());
    assertEquals(4000, a.userItems().nnz() + a.summary().duplicatesMerged());
  }

  @Test
  void usersMostlyPickItemsOfTheirPlantedSegment() {
    SyntheticInteractions generator = new SyntheticInteractions(config);
    int[] segments = generator.userSegments();
    CsrMatrix m = generator.interactions().userItems();
    double home = 0;
    double total = 0;
    for (int u = 0; u < m.rows(); u++) {
      for (int e = m.rowStart(u); e < m.rowEnd(u); e++) {
        total += m.vals()[e];
        if (m.cols()[e] % config.segments() == segments[u]) {
          home += m.vals()[e];
        }
      }
    }
    // 80% of the events by design, plus the global draws that land at home (1 in 4).
    double share = home / total;
    assertTrue(share > 0.8 && share < 0.9, "home share " + share);
  }
}
