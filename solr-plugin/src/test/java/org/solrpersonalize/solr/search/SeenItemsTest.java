package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.solr.schema.SchemaField;
import org.apache.solr.schema.StrField;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.solr.cache.UniqueKeyDocs;

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

  /**
   * The searcher's unique key table and the terms dictionary's per-segment walk (a searcher opened
   * without the table's listener) find the same live documents: three segments, p2 and p5 rewritten
   * into the last, p4 deleted, p9 never indexed.
   */
  @Test
  void theUniqueKeyTableAndTheTermsWalkFindTheSameDocuments() throws IOException {
    SchemaField id = new SchemaField("id", new StrField(), 1 /* indexed */, null);
    SeenItems seen =
        SeenItems.of(SeenMode.EXCLUDE, List.of("p5", "p9", "p0", "p4", "p2", "p7"), id);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer =
          new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
        for (int i = 0; i < 8; i++) {
          writer.addDocument(product(i));
          if (i % 3 == 2) {
            writer.commit();
          }
        }
        writer.updateDocument(new Term("id", "p2"), product(2));
        writer.updateDocument(new Term("id", "p5"), product(5));
        writer.deleteDocuments(new Term("id", "p4"));
      }
      try (DirectoryReader withTable = DirectoryReader.open(dir);
          DirectoryReader withoutTable = DirectoryReader.open(dir)) {
        UniqueKeyDocs.warm(withTable, "id");
        assertEquals(3, withTable.leaves().size());
        // p0 and p7 where they were written; p2 and p5 rewritten after them, into the last segment.
        int[] expected = {0, 7, 8, 9};
        assertArrayEquals(expected, seen.docIds(new IndexSearcher(withTable)));
        SeenItems again =
            SeenItems.of(SeenMode.EXCLUDE, List.of("p5", "p9", "p0", "p4", "p2", "p7"), id);
        assertArrayEquals(expected, again.docIds(new IndexSearcher(withoutTable)));
      }
    }
  }

  private static Document product(int i) {
    Document doc = new Document();
    doc.add(new StringField("id", "p" + i, Field.Store.NO));
    return doc;
  }
}
