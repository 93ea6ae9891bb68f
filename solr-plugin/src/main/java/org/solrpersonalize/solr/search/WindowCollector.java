package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Rescorer;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopDocsCollector;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.NumericUtils;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.handler.component.QueryElevationComponent;
import org.apache.solr.request.SolrRequestInfo;
import org.apache.solr.search.QueryCommand;
import org.apache.solr.search.SolrReturnFields;

/**
 * Collects the rerank window (the main query's top documents by score) and hands it to the {@link
 * PersonalizeRescorer}; documents beyond the window follow in their text order. It does what Solr's
 * ReRankCollector does for a score-sorted request, with less work per request: each hit is one
 * {@code long} (score and doc id packed into one sortable key) instead of an object in a priority
 * queue; the window is not sorted at all when the page lies inside it (the usual request): the
 * rescorer takes it in doc-id order, the order it was collected in and the order it reads the
 * documents' rows in ({@link DocOrderWindow}); otherwise one primitive sort instead of a thousand
 * queue pops. No copy of the window's scores is kept. Hits are counted exactly, as Solr does by
 * default.
 *
 * <p>Hits above a bar are appended to a buffer of twice the window; a full buffer is cut back to a
 * little more than the window, the keys above a pivot a sample of them gives (linear time, {@link
 * LongSelection#pivotKeeping}), which also raises the bar to that pivot; the window is cut exactly
 * once, at the end. Every cut keeps the kept keys in their order. A heap would re-order the window
 * on every hit that enters it: with a window of 1,000 and the hits of a broad query in doc-id
 * order, that is thousands of ten-level sift-downs per request. Measured in the bench's rerank
 * (250,000 products, 17,600 hits per query, 1,000 reranked): handing the window over in doc-id
 * order took 14 us per request instead of 34 for the cut, the sort by text score and the hits, and
 * the rescorer's own sort by doc id 5 instead of 10 (docs/benchmark.md). A hit is appended without
 * a branch on the bar (written past the kept keys, kept by counting it), which mispredicts while
 * the window fills: 17,600 hits of random scores in doc-id order took 108 us to collect instead of
 * 145 in a loop (Lucene's collector of the top 10: 74 to 80). In the bench's rerank (real text
 * queries through Lucene's bulk scorer) no gain showed: the old way took 2 us more, 7 and 3 us less
 * per request in the three cache modes of one run (median over the 20 queries).
 *
 * <p>Solr's collector stays in use where it does more: a {@code sort} other than by score, elevated
 * documents, and {@code fl=originalScore()} (which needs Solr's own package-private result class);
 * see {@link #handles}.
 *
 * <p>With {@code seen=exclude} it also leaves the seen documents out, in its own per-hit loop (a
 * {@link SeenCursor}: two comparisons for an unseen hit), and the main query's bulk scorer calls it
 * directly when it is the only collector ({@link FirstPassWeight} drops seen documents in a
 * wrapping collector for the others: Solr's, or a MultiCollector with Solr's max score collector
 * for {@code fl=score} or with the facets' doc set).
 */
final class WindowCollector extends TopDocsCollector<ScoreDoc> {
  private final int reRankDocs;
  private final Rescorer rescorer;
  private final IndexSearcher searcher;

  /** How many of the best hits are kept: the window, or the page if it reaches further. */
  private final int capacity;

  /** {@link #key} values of candidates, unordered; {@code [0, size)} is in use. */
  private final long[] buffer;

  private int size;

  /** Scratch of {@link LongSelection#pivotKeeping}. */
  private final long[] sample = new long[LongSelection.SAMPLE];

  /** Scratch of the exact cuts, which select on a copy so that the buffer keeps its order. */
  private long[] selection;

  /**
   * A hit enters the buffer only if its key is greater: the worst kept key once the buffer was cut,
   * never above the window's worst so far.
   */
  private long bar = Long.MIN_VALUE;

  /**
   * Global doc ids of the seen documents to leave out, ascending ({@link FirstPassWeight#NONE}).
   */
  private final int[] seenDocs;

  /** Counts the seen documents left out: what numFound lost. */
  private final AtomicInteger excluded;

  /**
   * @param seenDocs global doc ids to leave out, ascending: the array {@link FirstPassWeight} was
   *     given, by identity ({@link Leaf#skips})
   * @param excluded incremented for each seen document the main query matched and this left out
   */
  WindowCollector(
      int reRankDocs,
      int length,
      Rescorer rescorer,
      IndexSearcher searcher,
      int[] seenDocs,
      AtomicInteger excluded) {
    super(null);
    this.reRankDocs = reRankDocs;
    this.rescorer = rescorer;
    this.searcher = searcher;
    this.seenDocs = seenDocs;
    this.excluded = excluded;
    int maxDoc = searcher.getIndexReader().maxDoc();
    this.capacity = Math.min(Math.max(reRankDocs, length), maxDoc);
    this.buffer = new long[(int) Math.min(2L * capacity, maxDoc)];
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
    return new Leaf(context.docBase, context.reader().maxDoc());
  }

  /**
   * The window's collector of one segment; the seen documents are tested by a {@link SeenCursor}.
   */
  final class Leaf implements LeafCollector {
    private final int docBase;
    private final SeenCursor seen;
    private Scorable scorer;

    Leaf(int docBase, int maxDoc) {
      this.docBase = docBase;
      this.seen = new SeenCursor(seenDocs, docBase, maxDoc);
    }

    /** Whether this collector leaves out exactly {@code seen} (the same array). */
    boolean skips(int[] seen) {
      return seen == seenDocs;
    }

    @Override
    public void setScorer(Scorable scorer) {
      this.scorer = scorer;
    }

    @Override
    public void collect(int doc) throws IOException {
      int global = docBase + doc;
      if (seen.seen(global)) {
        excluded.incrementAndGet();
        return;
      }
      totalHits++;
      long key = key(scorer.score(), global);
      buffer[size] = key; // kept only if above the bar, by counting it
      size += key > bar ? 1 : 0;
      if (size == buffer.length) {
        // Room for the next hit. A cut frees some unless the window is the whole index, whose
        // buffer (maxDoc long) fills only with its last document: no hit is left to collect.
        cutWhileCollecting();
      }
    }
  }

  /**
   * Makes room in a full buffer: keeps at least the best {@link #capacity} keys (about 1.2 times as
   * many, above a pivot found from a sample, {@link LongSelection#pivotKeeping}) and raises the bar
   * to the pivot; an exact cut where the sample misjudged. The window is cut exactly at the end.
   */
  private void cutWhileCollecting() {
    long pivot = LongSelection.pivotKeeping(buffer, size, capacity, sample);
    if (pivot == Long.MIN_VALUE) {
      cutToCapacity();
      return;
    }
    size = LongSelection.keepFrom(buffer, size, pivot);
    bar = pivot;
  }

  /**
   * Keeps the best {@link #capacity} keys in {@code buffer[0, capacity)}, in their order (the order
   * they were collected in: doc id), and raises the bar to the worst of them.
   */
  private void cutToCapacity() {
    if (size > capacity) {
      if (selection == null) {
        selection = new long[buffer.length];
      }
      System.arraycopy(buffer, 0, selection, 0, size);
      LongSelection.selectLargest(selection, size, capacity);
      bar = selection[capacity - 1]; // the capacity-th largest: select leaves it there
      size = LongSelection.keepFrom(buffer, size, bar);
    }
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE;
  }

  @Override
  protected int topDocsSize() {
    return Math.min(size, capacity);
  }

  /** The reranked window, then the rest of the collected hits in text order; one page of it. */
  @Override
  public TopDocs topDocs(int start, int howMany) {
    TotalHits total = new TotalHits(totalHits, TotalHits.Relation.EQUAL_TO);
    cutToCapacity();
    // The page lies inside the window: the rescorer takes it in doc-id order, as collected.
    ScoreDoc[] inDocOrder = capacity <= reRankDocs ? hitsInDocOrder() : null;
    if (inDocOrder != null) {
      return page(total, new DocOrderWindow(total, inDocOrder), start, howMany);
    }
    Arrays.sort(buffer, 0, size);
    ScoreDoc[] ranked = new ScoreDoc[size];
    for (int i = 0; i < ranked.length; i++) {
      long key = buffer[size - 1 - i];
      ranked[i] = new ScoreDoc(doc(key), score(key));
    }
    int window = Math.min(ranked.length, reRankDocs);
    if (window > 0) {
      TopDocs firstPass =
          new TopDocs(total, window == ranked.length ? ranked : Arrays.copyOf(ranked, window));
      ScoreDoc[] rescored = rescore(firstPass, window, start, howMany);
      System.arraycopy(rescored, 0, ranked, 0, rescored.length);
    }
    return new TopDocs(total, pageOf(ranked, start, howMany));
  }

  /**
   * The buffer's hits in their order, or null if that is not ascending doc id (not reached: one
   * thread collects the segments in order; the rescorer's walk over the leaves relies on it).
   */
  private ScoreDoc[] hitsInDocOrder() {
    ScoreDoc[] hits = new ScoreDoc[size];
    int previous = -1;
    for (int i = 0; i < size; i++) {
      int doc = doc(buffer[i]);
      if (doc <= previous) {
        return null;
      }
      hits[i] = new ScoreDoc(doc, score(buffer[i]));
      previous = doc;
    }
    return hits;
  }

  /** The page of the reranked {@code window}, the whole of the collected hits. */
  private TopDocs page(TotalHits total, TopDocs window, int start, int howMany) {
    int n = window.scoreDocs.length;
    ScoreDoc[] ranked = n == 0 ? window.scoreDocs : rescore(window, n, start, howMany);
    return new TopDocs(total, pageOf(ranked, start, howMany));
  }

  /**
   * The {@code window} (of {@code size} hits) reranked as far as the page reaches: the rest of the
   * window is not shown.
   */
  private ScoreDoc[] rescore(TopDocs window, int size, int start, int howMany) {
    int reach = (int) Math.min(size, Math.max(0L, (long) Math.max(start, 0) + howMany));
    try {
      return rescorer.rescore(searcher, window, Math.max(reach, 1)).scoreDocs;
    } catch (IOException e) {
      throw new SolrException(
          SolrException.ErrorCode.SERVER_ERROR,
          "personalize: reading item fields failed: " + e.getMessage(),
          e);
    }
  }

  private static ScoreDoc[] pageOf(ScoreDoc[] ranked, int start, int howMany) {
    int from = Math.min(Math.max(start, 0), ranked.length);
    int to = Math.min(ranked.length, from + Math.max(howMany, 0));
    return Arrays.copyOfRange(ranked, from, to);
  }
}
