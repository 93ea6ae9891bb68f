package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeenCursorTest {
  /** Segments of 10 documents from doc 0 on; the seen documents at the edges of some. */
  private static final int[] SEEN = {9, 20, 29, 45};

  @Test
  void aSegmentHoldsTheSeenDocumentsInItsRangeOnly() {
    assertTrue(SeenCursor.any(SEEN, 0, 10));
    assertFalse(SeenCursor.any(SEEN, 10, 10));
    assertTrue(SeenCursor.any(SEEN, 20, 10));
    assertFalse(SeenCursor.any(SEEN, 30, 10));
    assertTrue(SeenCursor.any(SEEN, 40, 10));
    assertFalse(SeenCursor.any(SEEN, 50, 10));
    assertFalse(SeenCursor.any(SEEN, 20, 0));
    assertFalse(SeenCursor.any(FirstPassWeight.NONE, 0, 10));
  }

  @Test
  void theCursorTellsOnlyItsSegmentsSeenDocumentsInAnyOrder() {
    SeenCursor cursor = new SeenCursor(SEEN, 20, 10);
    int[] docs = {20, 21, 29, 28, 20, 9, 45, 29, 22};
    boolean[] seen = {true, false, true, false, true, false, false, true, false};
    for (int i = 0; i < docs.length; i++) {
      assertEquals(seen[i], cursor.seen(docs[i]), "doc " + docs[i]);
    }
  }
}
