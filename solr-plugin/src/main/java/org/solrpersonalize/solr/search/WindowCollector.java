package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopDocsCollector;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.LongHeap;
import org.apache.lucene.util.NumericUtils;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.handler.component.QueryElevationComponent;
import org.apache.solr.request.SolrRequestInfo;
import org.apache.solr.search.QueryCommand;
import org.apache.solr.search.SolrReturnFields;

/**
 * Collects the rerank window (the main query's top documents by score) and hands it to the
 * {@link PersonalizeRescorer}; documents beyond the window follow in their text order. It does
 * what Solr's ReRankCollector does for a score-sorted request, with less work per request: the
 * window lives in one {@code long[]} heap (score and doc id packed into one sortable key) instead
 * of a queue of objects (Lucene's {@link LongHeap}), it is ordered by one primitive sort instead of a thousand queue pops, and
 * no copy of the window's scores is kept. Hits are counted exactly, as Solr does by default.
 *
 * <p>Solr's collector stays in use where it does more: a {@code sort} other than by score,
 * elevated documents, and {@code fl=originalScore()} (which needs Solr's own package-private
 * result class); see {@link #handles}.
 */
final class WindowCollector extends TopDocsCollector<ScoreDoc> {
  private final int reRankDocs;
  private final PersonalizeRescorer rescorer;
  private final IndexSearcher searcher;
  /** {@link #key} values of the best hits so far, the worst on top; null for an empty index. */
  private final LongHeap heap;

  WindowCollector(int reRankDocs, int length, PersonalizeRescorer rescorer, IndexSearcher searcher) {
    super(null);
    this.reRankDocs = reRankDocs;
    this.rescorer = rescorer;
    this.searcher = searcher;
    int capacity = Math.min(Math.max(reRankDocs, length), searcher.getIndexReader().maxDoc());
    this.heap = capacity > 0 ? new LongHeap(capacity) : null;
  }

  /** Whether this collector gives the request exactly what Solr's ReRankCollector would. */
  static boolean handles(QueryCommand cmd) {
    Sort sort = cmd.getSort();
    if (sort != null && !sort.equals(Sort.RELEVANCE)) {
      return false;
    }
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    if (info == null) {
      return true;
    }
    Map<Object, Object> context = info.getReq().getContext();
    if (context.get(QueryElevationComponent.BOOSTED) != null) {
      return false;
    }
    String[] fl = info.getReq().getParams().getParams(CommonParams.FL);
    if (fl != null) {
      for (String f : fl) {
        if (f.contains(SolrReturnFields.ORIGINAL_SCORE)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Higher is better: score first, then the lower doc id (Lucene's order of ties). */
  private static long key(float score, int doc) {
    return ((long) NumericUtils.floatToSortableInt(score) << 32) | (Integer.MAX_VALUE - doc);
  }

  private static int doc(long key) {
    return Integer.MAX_VALUE - (int) (key & 0xFFFFFFFFL);
  }

  private static float score(long key) {
    return NumericUtils.sortableIntToFloat((int) (key >> 32));
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext context) {
    int docBase = context.docBase;
    return new LeafCollector() {
      private Scorable scorer;

      @Override
      public void setScorer(Scorable scorer) {
        this.scorer = scorer;
      }

      @Override
      public void collect(int doc) throws IOException {
        float score = scorer.score();
        totalHits++;
        heap.insertWithOverflow(key(score, docBase + doc));
      }
    };
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE;
  }

  @Override
  protected int topDocsSize() {
    return heap == null ? 0 : heap.size();
  }

  /** The reranked window, then the rest of the collected hits in text order; one page of it. */
  @Override
  public TopDocs topDocs(int start, int howMany) {
    TotalHits total = new TotalHits(totalHits, TotalHits.Relation.EQUAL_TO);
    long[] keys = new long[topDocsSize()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = heap.get(i + 1); // LongHeap counts from 1
    }
    Arrays.sort(keys);
    ScoreDoc[] ranked = new ScoreDoc[keys.length];
    for (int i = 0; i < ranked.length; i++) {
      long key = keys[keys.length - 1 - i];
      ranked[i] = new ScoreDoc(doc(key), score(key));
    }
    int window = Math.min(ranked.length, reRankDocs);
    if (window > 0) {
      TopDocs firstPass = new TopDocs(total,
          window == ranked.length ? ranked : Arrays.copyOf(ranked, window));
      ScoreDoc[] rescored;
      try {
        rescored = rescorer.rescore(searcher, firstPass, window).scoreDocs;
      } catch (IOException e) {
        throw new SolrException(SolrException.ErrorCode.SERVER_ERROR,
            "personalize: reading item fields failed: " + e.getMessage(), e);
      }
      System.arraycopy(rescored, 0, ranked, 0, window);
    }
    int from = Math.min(Math.max(start, 0), ranked.length);
    int to = Math.min(ranked.length, from + Math.max(howMany, 0));
    return new TopDocs(total, Arrays.copyOfRange(ranked, from, to));
  }
}
