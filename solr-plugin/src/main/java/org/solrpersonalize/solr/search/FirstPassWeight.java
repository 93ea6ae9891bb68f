package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Rescorer;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.solr.search.ReRankWeight;

/**
 * The first pass of {@code rq={!personalize}}: Solr's {@link ReRankWeight} (its explanation goes
 * through the rescorer) scoring with the main query's own weight, less the seen documents of {@code
 * seen=exclude}.
 *
 * <p>Solr's ReRankWeight (a Lucene FilterWeight) hands out only the main query's {@code scorer}:
 * the first pass then runs Lucene's default one-document-at-a-time loop instead of the main
 * weight's own bulk scorer, which for the usual disjunction of terms is Lucene's much faster
 * window-based BooleanScorer. The first pass of a reranked query costs what the query alone costs
 * only if the main weight does the scoring, so every scoring method is its.
 *
 * <p>Every way Lucene scores with it (bulk scorer, scorer, scorer supplier inside a conjunction
 * with the filters) skips the seen documents, so the search never matches them, and counts those it
 * skipped as full matches, at no extra cost: the search finds them anyway. The bulk scorer leaves
 * that to {@link WindowCollector} when it collects directly (its per-hit loop tests them for two
 * comparisons a hit, where a collector in between costs a call and a bit test). The seen documents
 * are resolved to doc ids once per request ({@link SeenItems#docIds}); a segment holding none of
 * them (every segment, without {@code seen=exclude}) scores exactly as the main query, with its own
 * bulk scorer and counts. Seen documents are request state, so a weight with some is never cached.
 */
final class FirstPassWeight extends ReRankWeight {
  /** No seen documents: the main query's scoring as it is. */
  static final int[] NONE = new int[0];

  /** Global doc ids of the seen documents, ascending. */
  private final int[] seenDocs;

  /** Counts the seen documents the main query matched and the search left out. */
  private final AtomicInteger excluded;

  /**
   * @param rescorer what explains the reranked score
   * @param seenDocs the global doc ids to leave out, ascending ({@link #NONE}: none)
   * @param excluded incremented for each seen document the main query matches in the search (the
   *     filters' approximations agreed on it first, in a conjunction): what numFound lost
   */
  FirstPassWeight(
      Query mainQuery,
      Rescorer rescorer,
      IndexSearcher searcher,
      Weight main,
      int[] seenDocs,
      AtomicInteger excluded)
      throws IOException {
    super(mainQuery, rescorer, searcher, main, null, null);
    this.seenDocs = seenDocs;
    this.excluded = excluded;
  }

  /** A cursor over the leaf's seen documents, for one scorer or collector of it. */
  private SeenCursor cursorOf(LeafReaderContext leaf) {
    return new SeenCursor(seenDocs, leaf.docBase, leaf.reader().maxDoc());
  }

  /** Whether the leaf holds any seen document. */
  private boolean holdsSeen(LeafReaderContext leaf) {
    return SeenCursor.any(seenDocs, leaf.docBase, leaf.reader().maxDoc());
  }

  @Override
  public boolean isCacheable(LeafReaderContext ctx) {
    return seenDocs.length == 0 && in.isCacheable(ctx);
  }

  @Override
  public Scorer scorer(LeafReaderContext context) throws IOException {
    return withoutSeen(context, in.scorer(context), this::excludingScorer);
  }

  private Scorer excludingScorer(Scorer main, LeafReaderContext leaf) {
    return new ExcludingScorer(this, main, leaf.docBase, cursorOf(leaf), excluded);
  }

  /**
   * {@code main} (the main weight's scorer, supplier or bulk scorer of the leaf, or null) as it is
   * where the leaf holds no seen document, else what {@code excluding} makes of it.
   */
  private <T> T withoutSeen(
      LeafReaderContext context, T main, BiFunction<T, LeafReaderContext, T> excluding) {
    return main == null || !holdsSeen(context) ? main : excluding.apply(main, context);
  }

  @Override
  public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
    return withoutSeen(context, in.scorerSupplier(context), this::excludingSupplier);
  }

  private ScorerSupplier excludingSupplier(ScorerSupplier main, LeafReaderContext leaf) {
    return new ScorerSupplier() {
      @Override
      public Scorer get(long leadCost) throws IOException {
        return excludingScorer(main.get(leadCost), leaf);
      }

      @Override
      public long cost() {
        return main.cost();
      }

      @Override
      public void setTopLevelScoringClause() throws IOException {
        main.setTopLevelScoringClause();
      }
    };
  }

  @Override
  public BulkScorer bulkScorer(LeafReaderContext context) throws IOException {
    return withoutSeen(context, in.bulkScorer(context), this::excludingBulk);
  }

  private BulkScorer excludingBulk(BulkScorer main, LeafReaderContext context) {
    int docBase = context.docBase;
    return new BulkScorer() {
      /**
       * The main query's own bulk scorer (Lucene's window-based disjunction) scores the whole
       * range. {@link WindowCollector} drops and counts the seen documents in its own loop; for any
       * other collector (Solr's, or a MultiCollector with Solr's max score one for {@code
       * fl=score}) a collector in between does, with a {@link SeenCursor}. Splitting the range at
       * each seen document instead cost a call per seen document that restarts the disjunction's
       * window (at 250k products, 200 seen: 48 us a request against 13).
       */
      @Override
      public int score(LeafCollector collector, Bits acceptDocs, int min, int max)
          throws IOException {
        if (collector instanceof WindowCollector.Leaf window && window.skips(seenDocs)) {
          return main.score(collector, acceptDocs, min, max);
        }
        SeenCursor seen = cursorOf(context);
        LeafCollector skippingSeen =
            new FilterLeafCollector(collector) {
              @Override
              public void collect(int doc) throws IOException {
                if (seen.seen(docBase + doc)) {
                  excluded.incrementAndGet();
                } else {
                  in.collect(doc);
                }
              }

              @Override
              public DocIdSetIterator competitiveIterator() throws IOException {
                return in.competitiveIterator();
              }
            };
        return main.score(skippingSeen, acceptDocs, min, max);
      }

      @Override
      public long cost() {
        return main.cost();
      }
    };
  }

  @Override
  public int count(LeafReaderContext context) throws IOException {
    return holdsSeen(context) ? -1 : in.count(context);
  }

  /**
   * The main scorer, its seen documents failing the match phase. A conjunction asks a clause's
   * match phase once its approximations agree on a document, so a filter without a match phase of
   * its own (a filter's doc set, a term) has accepted every document counted here.
   */
  private static final class ExcludingScorer extends Scorer {
    private final Scorer main;
    private final TwoPhaseIterator twoPhase;

    /**
     * @param docBase the leaf's first global doc id
     * @param seen the leaf's seen documents (global doc ids), tested in the scorer's doc order
     */
    ExcludingScorer(
        Weight weight, Scorer main, int docBase, SeenCursor seen, AtomicInteger excluded) {
      super(weight);
      this.main = main;
      TwoPhaseIterator mainTwoPhase = main.twoPhaseIterator();
      DocIdSetIterator approximation =
          mainTwoPhase == null ? main.iterator() : mainTwoPhase.approximation();
      this.twoPhase =
          new TwoPhaseIterator(approximation) {
            @Override
            public boolean matches() throws IOException {
              boolean matches = mainTwoPhase == null || mainTwoPhase.matches();
              if (matches && seen.seen(docBase + approximation.docID())) {
                excluded.incrementAndGet();
                return false;
              }
              return matches;
            }

            @Override
            public float matchCost() {
              return 1 + (mainTwoPhase == null ? 0 : mainTwoPhase.matchCost());
            }
          };
    }

    @Override
    public DocIdSetIterator iterator() {
      return TwoPhaseIterator.asDocIdSetIterator(twoPhase);
    }

    @Override
    public TwoPhaseIterator twoPhaseIterator() {
      return twoPhase;
    }

    @Override
    public int docID() {
      return main.docID();
    }

    @Override
    public float score() throws IOException {
      return main.score();
    }

    @Override
    public int advanceShallow(int target) throws IOException {
      return main.advanceShallow(target);
    }

    @Override
    public float getMaxScore(int upTo) throws IOException {
      return main.getMaxScore(upTo);
    }

    @Override
    public void setMinCompetitiveScore(float minScore) throws IOException {
      main.setMinCompetitiveScore(minScore);
    }

    @Override
    public Collection<ChildScorable> getChildren() {
      return List.of(new ChildScorable(main, "MUST"));
    }
  }
}
