package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.apache.lucene.search.ScoreDoc;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.schema.StrField;
import org.junit.jupiter.api.Test;

class SeenItemsTest {
  private static ScoreDoc[] ranked(int... docs) {
    return Arrays.stream(docs).mapToObj(d -> new ScoreDoc(d, 10 - d)).toArray(ScoreDoc[]::new);
  }

  private static int[] docs(ScoreDoc[] hits) {
    return Arrays.stream(hits).mapToInt(h -> h.doc).toArray();
  }

  @Test
  void demoteMovesTheSeenBehindTheUnseenKeepingBothOrders() {
    ScoreDoc[] hits = ranked(9, 4, 7, 1, 3, 8);
    assertEquals(3, SeenItems.demote(hits, new int[] {1, 2, 7, 9}));
    assertArrayEquals(new int[] {4, 3, 8, 9, 7, 1}, docs(hits));
  }

  @Test
  void demoteWithNothingSeenInTheWindowKeepsIt() {
    ScoreDoc[] hits = ranked(5, 2, 6);
    assertEquals(0, SeenItems.demote(hits, new int[] {0, 9}));
    assertArrayEquals(new int[] {5, 2, 6}, docs(hits));
    assertEquals(0, SeenItems.demote(hits, new int[0]));
  }

  @Test
  void keepOrNoItemsIsNoSeenItems() {
    SchemaField id = new SchemaField("id", new StrField());
    assertNull(SeenItems.of(SeenMode.KEEP, List.of("p1"), id));
    assertNull(SeenItems.of(SeenMode.EXCLUDE, List.of(), id));
    assertEquals(2, SeenItems.of(SeenMode.DEMOTE, List.of("p1", "p2"), id).size());
  }
}
