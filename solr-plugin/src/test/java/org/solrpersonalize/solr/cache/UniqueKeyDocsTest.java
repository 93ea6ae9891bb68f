package org.solrpersonalize.solr.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The unique key table against the index itself: every key's live document as a term query finds
 * it, over segments with deletions (documents rewritten into later segments), after a merge into
 * one segment, and for keys whose hashes share a slot; unknown keys find nothing.
 */
class UniqueKeyDocsTest {
  private static final int KEYS = 300;

  private static Document product(int i, String version) {
    Document doc = new Document();
    doc.add(new StringField("id", "p" + i, Field.Store.NO));
    doc.add(new StringField("version", version, Field.Store.YES));
    return doc;
  }

  /** Segments stay apart until {@code forceMerge}. */
  private static LogDocMergePolicy mergingOnlyWhenForced() {
    LogDocMergePolicy policy = new LogDocMergePolicy();
    policy.setMergeFactor(1000);
    return policy;
  }

  /** The live document holding {@code key} by a term query, or -1. */
  private static int searched(IndexSearcher searcher, String key) throws IOException {
    ScoreDoc[] hits = searcher.search(new TermQuery(new Term("id", key)), 2).scoreDocs;
    assertTrue(hits.length <= 1, key);
    return hits.length == 0 ? -1 : hits[0].doc;
  }

  private static void assertEveryKeyFindsItsLiveDocument(DirectoryReader reader)
      throws IOException {
    UniqueKeyDocs.warm(reader, "id");
    UniqueKeyDocs table = UniqueKeyDocs.of(reader, "id");
    assertNotNull(table);
    IndexSearcher searcher = new IndexSearcher(reader);
    for (int i = 0; i < KEYS + 20; i++) {
      String key = "p" + i;
      assertEquals(searched(searcher, key), table.doc(new BytesRef(key)), key);
    }
    assertEquals(-1, table.doc(new BytesRef("")));
    assertEquals(-1, table.doc(new BytesRef("p00")));
    assertTrue(UniqueKeyDocs.bytes(reader) > 0);
  }

  @Test
  void findsEachLiveDocumentOverSegmentsWithDeletionsAndAfterAMerge() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter writer =
            new IndexWriter(dir, new IndexWriterConfig().setMergePolicy(mergingOnlyWhenForced()))) {
      for (int i = 0; i < KEYS; i++) {
        writer.addDocument(product(i, "1"));
        if (i % 100 == 99) {
          writer.commit(); // three segments
        }
      }
      // Every third product rewritten: deleted in its segment, live in a fourth; two deleted.
      for (int i = 0; i < KEYS; i += 3) {
        writer.updateDocument(new Term("id", "p" + i), product(i, "2"));
      }
      writer.deleteDocuments(new Term("id", "p1"), new Term("id", "p299"));
      writer.commit();
      DirectoryReader first = DirectoryReader.open(writer);
      assertEquals(4, first.leaves().size());
      assertEveryKeyFindsItsLiveDocument(first);
      UniqueKeyDocs table = UniqueKeyDocs.of(first, "id");
      assertEquals(-1, table.doc(new BytesRef("p1")));
      // A second warm of the same reader keeps its table.
      UniqueKeyDocs.warm(first, "id");
      assertSame(table, UniqueKeyDocs.of(first, "id"));
      // Another field is not this table's.
      assertNull(UniqueKeyDocs.of(first, "version"));

      // A new searcher after more rewrites, then after a merge into one segment.
      writer.updateDocument(new Term("id", "p3"), product(3, "3"));
      writer.addDocument(product(KEYS + 5, "1"));
      DirectoryReader second = DirectoryReader.openIfChanged(first, writer);
      assertEveryKeyFindsItsLiveDocument(second);
      writer.forceMerge(1);
      DirectoryReader merged = DirectoryReader.openIfChanged(second, writer);
      assertEquals(1, merged.leaves().size());
      assertEveryKeyFindsItsLiveDocument(merged);

      // A reader's table goes when it closes.
      first.close();
      assertNull(UniqueKeyDocs.of(first, "id"));
      assertEquals(0, UniqueKeyDocs.bytes(first));
      second.close();
      merged.close();
    }
  }

  @Test
  void anUnwarmedReaderHasNoTable() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
        writer.addDocument(product(1, "1"));
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertNull(UniqueKeyDocs.of(reader, "id"));
      }
    }
  }

  /** Keys colliding in the table's slots: a table of two keys has 4 slots. */
  @Test
  void keysSharingASlotAreToldApartByTheirBytes() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
        writer.addDocument(product(1, "1"));
        writer.addDocument(product(2, "1"));
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        UniqueKeyDocs.warm(reader, "id");
        UniqueKeyDocs table = UniqueKeyDocs.of(reader, "id");
        assertEquals(0, table.doc(new BytesRef("p1")));
        assertEquals(1, table.doc(new BytesRef("p2")));
        for (int i = 3; i < 200; i++) {
          assertEquals(-1, table.doc(new BytesRef("p" + i)));
        }
      }
    }
  }
}
