package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.common.params.MapSolrParams;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.solr.interleave.Team;

/** The first pass of a personalized query is the main query's own scoring, at its own speed. */
class PersonalizeQueryTest {

  /** A rescorer without a profile (an unknown user): it keeps the first pass's order and scores. */
  private static PersonalizeRescorer textOrderRescorer() {
    return new PersonalizeRescorer(
        PersonalizeParams.parse(new MapSolrParams(Map.of("user", "u1"))),
        null,
        null,
        null,
        0,
        0,
        null,
        null,
        null,
        null,
        Team.ACTIVE);
  }

  /**
   * User u1 of model m1 with k = 2, K = 0 (trainer --clusters 0: the profile's affinities and the
   * model's weights are empty), vector (1, 0), textWeight 0: ranks by the dot product alone.
   */
  private static PersonalizeRescorer dotOnlyRescorer() {
    return new PersonalizeRescorer(
        PersonalizeParams.parse(new MapSolrParams(Map.of("user", "u1", "textWeight", "0"))),
        "m1",
        "pz_item_a",
        "pz_model_a",
        2,
        0,
        new float[] {1, 0},
        new float[0],
        new float[0],
        null,
        Team.ACTIVE);
  }

  /** A product with this title and model m1's vector {@code v} in slot a (K = 0). */
  private static Document shoe(String title, float[] v) {
    Document doc = new Document();
    doc.add(new TextField("title", title, Field.Store.NO));
    doc.add(new BinaryDocValuesField("pz_item_a", new BytesRef(VectorCodec.encode(v))));
    doc.add(new NumericDocValuesField("pz_model_a", ModelFields.modelTag("m1")));
    return doc;
  }

  @Test
  void aModelWithoutClustersReranksByTheDotProductAlone() throws Exception {
    float[][] vectors = {{1, 0}, {0, 1}, {2, 0}};
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
        for (float[] v : vectors) {
          writer.addDocument(shoe("shoe", v));
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        PersonalizeRescorer rescorer = dotOnlyRescorer();
        WindowCollector collector =
            new WindowCollector(
                10, 10, rescorer, searcher, FirstPassWeight.NONE, new AtomicInteger());
        searcher.search(new TermQuery(new Term("title", "shoe")), collector);
        TopDocs reranked = collector.topDocs(0, 10);
        assertEquals(3, reranked.scoreDocs.length);
        assertEquals(2, reranked.scoreDocs[0].doc);
        assertEquals(0, reranked.scoreDocs[1].doc);
        assertEquals(1, reranked.scoreDocs[2].doc);
      }
    }
  }

  @Test
  void equalRerankScoresKeepTheTextOrderNotTheDocIdOrder() throws Exception {
    // Docs 0..3 say "shoe" 1 to 4 times (a better text score with each doc id) and have the same
    // vector; doc 4 a better one. With textWeight=0 docs 0..3 tie: their order is the text order
    // 3, 2, 1, 0, though the window reaches the rescorer in doc-id order.
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
        for (int d = 0; d < 5; d++) {
          float[] v = d == 4 ? new float[] {2, 0} : new float[] {1, 0};
          writer.addDocument(shoe("shoe ".repeat(d == 4 ? 1 : d + 1), v));
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        PersonalizeRescorer rescorer = dotOnlyRescorer();
        int[] expected = {4, 3, 2, 1, 0};
        for (int length = 1; length <= 5; length++) {
          WindowCollector collector =
              new WindowCollector(
                  10, length, rescorer, searcher, FirstPassWeight.NONE, new AtomicInteger());
          searcher.search(new TermQuery(new Term("title", "shoe")), collector);
          TopDocs page = collector.topDocs(0, length);
          int[] docs = Arrays.stream(page.scoreDocs).mapToInt(d -> d.doc).toArray();
          assertEquals(
              Arrays.toString(Arrays.copyOf(expected, length)), Arrays.toString(docs), "" + length);
        }
      }
    }
  }

  @Test
  void theWindowIsLucenesTopDocsWithTiesInDocOrder() throws Exception {
    // Many documents with equal scores (the same text), in 4 segments.
    try (ByteBuffersDirectory dir = redAndBlueShoes()) {
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        Query main = redOrBlue();
        PersonalizeRescorer keepsOrder = textOrderRescorer();
        TopDocs lucene = searcher.search(main, 300);
        assertEquals(
            174, lucene.totalHits.value); // red: i % 5 != 0 (160), blue: i % 3 == 0 (67), both 53
        for (int[] windowAndLength :
            new int[][] {{10, 10}, {10, 50}, {50, 10}, {1000, 20}, {0, 5}}) {
          WindowCollector collector =
              new WindowCollector(
                  windowAndLength[0],
                  windowAndLength[1],
                  keepsOrder,
                  searcher,
                  FirstPassWeight.NONE,
                  new AtomicInteger());
          searcher.search(main, collector);
          TopDocs window = collector.topDocs(0, windowAndLength[1]);
          String what = "reRankDocs " + windowAndLength[0] + ", length " + windowAndLength[1];
          assertEquals(174, collector.getTotalHits(), what);
          assertEquals(Math.min(174, windowAndLength[1]), window.scoreDocs.length, what);
          for (int i = 0; i < window.scoreDocs.length; i++) {
            assertEquals(lucene.scoreDocs[i].doc, window.scoreDocs[i].doc, what + ", rank " + i);
            assertEquals(
                lucene.scoreDocs[i].score, window.scoreDocs[i].score, 0f, what + ", rank " + i);
          }
          TopDocs page = collector.topDocs(3, 4);
          assertEquals(lucene.scoreDocs[3].doc, page.scoreDocs[0].doc, what + ", page from 3");
        }
      }
    }
  }

  /**
   * 5,000 hits of varied scores through a window of 300: the buffer (600 keys) is cut from a sample
   * several times, keeping more than the window, and the window is still Lucene's top 300.
   */
  @Test
  void theWindowIsLucenesTopDocsAfterSampledCuts() throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5000; i++) {
          StringBuilder text = new StringBuilder("shoe");
          for (int w = random.nextInt(3); w > 0; w--) {
            text.append(" shoe");
          }
          for (int w = random.nextInt(40); w > 0; w--) {
            text.append(" word").append(random.nextInt(1000));
          }
          Document doc = new Document();
          doc.add(new TextField("title", text.toString(), Field.Store.NO));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        Query main = new TermQuery(new Term("title", "shoe"));
        TopDocs lucene = searcher.search(main, 300);
        WindowCollector collector =
            new WindowCollector(
                300, 10, textOrderRescorer(), searcher, FirstPassWeight.NONE, new AtomicInteger());
        searcher.search(main, collector);
        assertEquals(5000, collector.getTotalHits());
        ScoreDoc[] window = collector.topDocs(0, 300).scoreDocs;
        assertEquals(300, window.length);
        for (int i = 0; i < window.length; i++) {
          assertEquals(lucene.scoreDocs[i].doc, window[i].doc, "rank " + i);
          assertEquals(lucene.scoreDocs[i].score, window[i].score, 0f, "rank " + i);
        }
      }
    }
  }

  @Test
  void theFirstPassUsesTheMainQuerysBulkScorerAndScores() throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
        String[] texts = {"red running shoe", "blue shoe", "red coffee", "running", "tent"};
        for (String text : texts) {
          Document doc = new Document();
          doc.add(new TextField("title", text, Field.Store.NO));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
        Query main =
            new BooleanQuery.Builder()
                .add(new TermQuery(new Term("title", "red")), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term("title", "shoe")), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term("title", "running")), BooleanClause.Occur.SHOULD)
                .build();
        PersonalizeRescorer unpersonalized = textOrderRescorer();
        PersonalizeQuery reranked = new PersonalizeQuery(main, 10, unpersonalized, null);

        LeafReaderContext leaf = reader.leaves().get(0);
        Weight mainWeight = searcher.createWeight(searcher.rewrite(main), ScoreMode.COMPLETE, 1);
        Weight rerankWeight =
            searcher.createWeight(searcher.rewrite(reranked), ScoreMode.COMPLETE, 1);
        // Solr's own ReRankWeight would give Lucene's DefaultBulkScorer here.
        assertNotEquals(
            "DefaultBulkScorer", mainWeight.bulkScorer(leaf).getClass().getSimpleName());
        assertEquals(
            mainWeight.bulkScorer(leaf).getClass(), rerankWeight.bulkScorer(leaf).getClass());

        TopDocs alone = searcher.search(main, 10);
        TopDocs firstPass = searcher.search(reranked, 10);
        assertEquals(4, alone.scoreDocs.length);
        assertEquals(alone.scoreDocs.length, firstPass.scoreDocs.length);
        for (int i = 0; i < alone.scoreDocs.length; i++) {
          assertEquals(alone.scoreDocs[i].doc, firstPass.scoreDocs[i].doc);
          assertEquals(alone.scoreDocs[i].score, firstPass.scoreDocs[i].score, 0f);
        }
      }
    }
  }

  /** 200 documents in 4 segments of 50: "shoe", "red" i % 5 times, "blue" when i % 3 == 0. */
  private static ByteBuffersDirectory redAndBlueShoes() throws Exception {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
      for (int i = 0; i < 200; i++) {
        Document doc = new Document();
        doc.add(
            new TextField(
                "title",
                "shoe " + "red ".repeat(i % 5) + (i % 3 == 0 ? "blue" : ""),
                Field.Store.NO));
        writer.addDocument(doc);
        if (i % 50 == 49) {
          writer.commit();
        }
      }
    }
    return dir;
  }

  private static Query redOrBlue() {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term("title", "red")), BooleanClause.Occur.SHOULD)
        .add(new TermQuery(new Term("title", "blue")), BooleanClause.Occur.SHOULD)
        .build();
  }

  @Test
  void theWindowLeavesTheSeenDocumentsOutThroughTheWeightsBulkScorer() throws Exception {
    try (ByteBuffersDirectory dir = redAndBlueShoes();
        DirectoryReader reader = DirectoryReader.open(dir)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setQueryCache(null);
      Query main = redOrBlue();
      // Matched: 0, 3, 49, 51, 120, 199 (first and last of segments among them); not: 50, 100.
      int[] seen = {0, 3, 49, 50, 51, 100, 120, 199};
      AtomicInteger excluded = new AtomicInteger();
      Weight weight =
          new FirstPassWeight(
              main,
              textOrderRescorer(),
              searcher,
              searcher.createWeight(searcher.rewrite(main), ScoreMode.COMPLETE, 1),
              seen,
              excluded);
      WindowCollector collector =
          new WindowCollector(1000, 200, textOrderRescorer(), searcher, seen, excluded);
      for (LeafReaderContext leaf : reader.leaves()) {
        LeafCollector leafCollector = collector.getLeafCollector(leaf);
        weight.bulkScorer(leaf).score(leafCollector, null, 0, leaf.reader().maxDoc());
      }
      assertEquals(168, collector.getTotalHits());
      assertEquals(6, excluded.get());
      ScoreDoc[] expected =
          Arrays.stream(searcher.search(main, 300).scoreDocs)
              .filter(hit -> Arrays.binarySearch(seen, hit.doc) < 0)
              .toArray(ScoreDoc[]::new);
      ScoreDoc[] window = collector.topDocs(0, 200).scoreDocs;
      assertEquals(168, expected.length);
      assertEquals(168, window.length);
      for (int i = 0; i < window.length; i++) {
        assertEquals(expected[i].doc, window[i].doc, "rank " + i);
        assertEquals(expected[i].score, window[i].score, 0f, "rank " + i);
      }
    }
  }

  @Test
  void theWindowFindsSeenDocumentsInAnyOrderOfHits() throws Exception {
    try (ByteBuffersDirectory dir = redAndBlueShoes();
        DirectoryReader reader = DirectoryReader.open(dir)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      int[] seen = {3, 10, 11, 40, 60, 70};
      AtomicInteger excluded = new AtomicInteger();
      WindowCollector collector =
          new WindowCollector(10, 10, textOrderRescorer(), searcher, seen, excluded);
      LeafCollector first = collector.getLeafCollector(reader.leaves().get(0));
      first.setScorer(new ConstantScore());
      // Forward, past several seen at once, backwards onto and between seen ones, repeated.
      int[] hits = {1, 3, 5, 12, 11, 10, 4, 3, 2, 41, 40, 49, 0};
      for (int doc : hits) {
        first.collect(doc);
      }
      // Seen among the hits: 3, 11, 10, 3, 40.
      assertEquals(5, excluded.get());
      LeafCollector second = collector.getLeafCollector(reader.leaves().get(1));
      second.setScorer(new ConstantScore());
      for (int doc : new int[] {20, 10, 0, 10, 49}) {
        second.collect(doc); // global 70, 60, 50, 60, 99
      }
      assertEquals(8, excluded.get());
      assertEquals((hits.length - 5) + (5 - 3), collector.getTotalHits());
      for (ScoreDoc hit : collector.topDocs(0, 10).scoreDocs) {
        assertTrue(Arrays.binarySearch(seen, hit.doc) < 0, "doc " + hit.doc);
      }
    }
  }

  private static final class ConstantScore extends Scorable {
    @Override
    public float score() {
      return 1;
    }

    @Override
    public int docID() {
      return -1; // the window collector never asks
    }
  }
}
