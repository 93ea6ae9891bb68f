package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seen documents' exclusion on the scoring paths Lucene may take: the main query's bulk scorer,
 * its scorer, and a conjunction with a filter driving it; and the count of what it excluded.
 */
class FirstPassWeightTest {
  private ByteBuffersDirectory dir;
  private DirectoryReader reader;
  private IndexSearcher searcher;

  /** What the weight under test excluded. */
  private final AtomicInteger excluded = new AtomicInteger();

  @BeforeEach
  void open() throws IOException {
    dir = index();
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null);
  }

  @AfterEach
  void close() throws IOException {
    reader.close();
    dir.close();
  }

  /**
   * {@code main}'s weight with the documents {@code seen} excluded, counted in {@link #excluded}.
   */
  private Weight excluding(Query main, int... seen) throws IOException {
    return new FirstPassWeight(
        main,
        null,
        searcher,
        searcher.createWeight(searcher.rewrite(main), ScoreMode.COMPLETE, 1),
        seen,
        excluded);
  }

  /** Ten documents in two segments; odd ones are "red"; all are "shoe". */
  private static ByteBuffersDirectory index() throws IOException {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
      for (int i = 0; i < 10; i++) {
        Document doc = new Document();
        doc.add(new StringField("id", "p" + i, Field.Store.NO));
        doc.add(new TextField("title", i % 2 == 1 ? "red shoe" : "shoe", Field.Store.NO));
        writer.addDocument(doc);
        if (i == 4) {
          writer.commit(); // a second segment from doc 5 on
        }
      }
    }
    return dir;
  }

  private static List<Integer> collected(Weight weight, IndexSearcher searcher, boolean bulk)
      throws IOException {
    List<Integer> docs = new ArrayList<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      if (bulk) {
        BulkScorer scorer = weight.bulkScorer(leaf);
        scorer.score(collectInto(docs, leaf.docBase), (Bits) null);
      } else {
        Scorer scorer = weight.scorer(leaf);
        DocIdSetIterator it = scorer.iterator();
        for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
          docs.add(leaf.docBase + d);
        }
      }
    }
    return docs;
  }

  /** Adds the global doc id of each document collected in the leaf at {@code docBase}. */
  private static org.apache.lucene.search.LeafCollector collectInto(
      List<Integer> docs, int docBase) {
    return new org.apache.lucene.search.LeafCollector() {
      @Override
      public void setScorer(org.apache.lucene.search.Scorable scorer) {}

      @Override
      public void collect(int doc) {
        docs.add(docBase + doc);
      }
    };
  }

  @Test
  void bulkScorerAndScorerSkipTheSeenDocumentsOfEverySegment() throws IOException {
    Query main = new TermQuery(new Term("title", "shoe"));
    Weight weight = excluding(main, 2, 3, 7);
    List<Integer> unseen = List.of(0, 1, 4, 5, 6, 8, 9);
    assertEquals(unseen, collected(weight, searcher, true));
    assertEquals(3, excluded.getAndSet(0));
    assertEquals(unseen, collected(weight, searcher, false));
    assertEquals(3, excluded.get());
  }

  /**
   * A disjunction's bulk scorer (Lucene's window-based BooleanScorer), called range by range as
   * Solr's and Lucene's searchers may: the ranges between seen documents reach the collector, each
   * seen one only the count, also when a range starts or ends on one.
   */
  @Test
  void aDisjunctionsBulkScorerCalledInRangesSkipsTheSeenDocuments() throws IOException {
    BooleanQuery.Builder redOrShoe = new BooleanQuery.Builder();
    for (String word : List.of("red", "shoe")) {
      redOrShoe.add(new TermQuery(new Term("title", word)), BooleanClause.Occur.SHOULD);
    }
    Weight weight = excluding(redOrShoe.build(), 1, 2, 3, 8);
    List<Integer> docs = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      BulkScorer scorer = weight.bulkScorer(leaf);
      org.apache.lucene.search.LeafCollector collector = collectInto(docs, leaf.docBase);
      int next = 0;
      for (int end : new int[] {1, 2, 4, DocIdSetIterator.NO_MORE_DOCS}) {
        if (next < end) {
          next = scorer.score(collector, null, next, end);
        }
      }
    }
    assertEquals(List.of(0, 4, 5, 6, 7, 9), docs);
    assertEquals(4, excluded.get());
  }

  @Test
  void aFilterDrivingTheConjunctionNeverReachesASeenDocument() throws IOException {
    Query main = new TermQuery(new Term("title", "shoe"));
    Weight excluding = excluding(main, 3, 7, 8);
    // A query wrapping the weight, as the rank query wraps the main query's.
    Query wrapped =
        new Query() {
          @Override
          public Weight createWeight(IndexSearcher s, ScoreMode mode, float boost) {
            return excluding;
          }

          @Override
          public String toString(String field) {
            return "excluding";
          }

          @Override
          public void visit(org.apache.lucene.search.QueryVisitor visitor) {}

          @Override
          public boolean equals(Object o) {
            return o == this;
          }

          @Override
          public int hashCode() {
            return 7;
          }
        };
    Query red =
        new BooleanQuery.Builder()
            .add(wrapped, BooleanClause.Occur.MUST)
            .add(new TermQuery(new Term("title", "red")), BooleanClause.Occur.FILTER)
            .build();
    ScoreDoc[] hits = searcher.search(red, 10).scoreDocs;
    int[] docs = new int[hits.length];
    for (int i = 0; i < hits.length; i++) {
      docs[i] = hits[i].doc;
    }
    java.util.Arrays.sort(docs);
    assertArrayEquals(new int[] {1, 5, 9}, docs);
    // 3 and 7 are red and seen; 8 is seen but not red: the filter never let it through.
    assertEquals(2, excluded.get());
  }
}
