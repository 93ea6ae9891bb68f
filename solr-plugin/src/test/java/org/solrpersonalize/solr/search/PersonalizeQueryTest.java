package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.solr.common.params.MapSolrParams;
import org.junit.jupiter.api.Test;

/** The first pass of a personalized query is the main query's own scoring, at its own speed. */
class PersonalizeQueryTest {

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
        Query main = new BooleanQuery.Builder()
            .add(new TermQuery(new Term("title", "red")), BooleanClause.Occur.SHOULD)
            .add(new TermQuery(new Term("title", "shoe")), BooleanClause.Occur.SHOULD)
            .add(new TermQuery(new Term("title", "running")), BooleanClause.Occur.SHOULD)
            .build();
        PersonalizeRescorer unpersonalized = new PersonalizeRescorer(
            PersonalizeParams.parse(new MapSolrParams(Map.of("user", "u1"))),
            null, null, null, null, null, null, null);
        PersonalizeQuery reranked = new PersonalizeQuery(main, 10, unpersonalized);

        LeafReaderContext leaf = reader.leaves().get(0);
        Weight mainWeight = searcher.createWeight(searcher.rewrite(main), ScoreMode.COMPLETE, 1);
        Weight rerankWeight = searcher.createWeight(searcher.rewrite(reranked), ScoreMode.COMPLETE, 1);
        // Solr's own ReRankWeight would give Lucene's DefaultBulkScorer here.
        assertNotEquals("DefaultBulkScorer", mainWeight.bulkScorer(leaf).getClass().getSimpleName());
        assertEquals(mainWeight.bulkScorer(leaf).getClass(), rerankWeight.bulkScorer(leaf).getClass());

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
}
