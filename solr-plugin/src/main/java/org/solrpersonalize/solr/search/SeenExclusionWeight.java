package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.SparseFixedBitSet;
import org.apache.solr.search.DocSet;

/**
 * The main query's weight without the seen documents ({@code seen=exclude}): every way Lucene
 * scores with it (bulk scorer, scorer, scorer supplier inside a conjunction with the filters) skips
 * them, so the search never matches them. The seen documents are resolved to doc ids once per
 * request ({@link SeenItems#docIds}); a segment holding none of them scores exactly as the main
 * query, with its own bulk scorer and counts. Per segment request state, so never cached.
 */
final class SeenExclusionWeight extends FilterWeight {
  /** Global doc ids of the seen documents, ascending. */
  private final int[] seenDocs;

  SeenExclusionWeight(Weight main, int[] seenDocs) {
    super(main);
    this.seenDocs = seenDocs;
  }

  /** The leaf's seen documents as a set of its doc ids, or null when it holds none. */
  private SparseFixedBitSet seenIn(LeafReaderContext leaf) {
    int maxDoc = leaf.reader().maxDoc();
    int from = lowerBound(leaf.docBase);
    int to = lowerBound(leaf.docBase + maxDoc);
    if (from == to) {
      return null;
    }
    SparseFixedBitSet seen = new SparseFixedBitSet(maxDoc);
    for (int i = from; i < to; i++) {
      seen.set(seenDocs[i] - leaf.docBase);
    }
    return seen;
  }

  private int lowerBound(int doc) {
    int at = Arrays.binarySearch(seenDocs, doc);
    return at >= 0 ? at : -at - 1;
  }

  @Override
  public boolean isCacheable(LeafReaderContext ctx) {
    return false;
  }

  @Override
  public Scorer scorer(LeafReaderContext context) throws IOException {
    Scorer main = in.scorer(context);
    SparseFixedBitSet seen = main == null ? null : seenIn(context);
    return seen == null ? main : new ExcludingScorer(this, main, seen);
  }

  @Override
  public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
    ScorerSupplier main = in.scorerSupplier(context);
    SparseFixedBitSet seen = main == null ? null : seenIn(context);
    if (seen == null) {
      return main;
    }
    Weight weight = this;
    return new ScorerSupplier() {
      @Override
      public Scorer get(long leadCost) throws IOException {
        return new ExcludingScorer(weight, main.get(leadCost), seen);
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
    BulkScorer main = in.bulkScorer(context);
    SparseFixedBitSet seen = main == null ? null : seenIn(context);
    if (seen == null) {
      return main;
    }
    int maxDoc = context.reader().maxDoc();
    return new BulkScorer() {
      @Override
      public int score(LeafCollector collector, Bits acceptDocs, int min, int max)
          throws IOException {
        // The main query's own bulk scorer (Lucene's window-based disjunction) skips them.
        Bits unseen =
            new Bits() {
              @Override
              public boolean get(int doc) {
                return !seen.get(doc) && (acceptDocs == null || acceptDocs.get(doc));
              }

              @Override
              public int length() {
                return maxDoc;
              }
            };
        return main.score(collector, unseen, min, max);
      }

      @Override
      public long cost() {
        return main.cost();
      }
    };
  }

  @Override
  public int count(LeafReaderContext context) throws IOException {
    return seenIn(context) == null ? in.count(context) : -1;
  }

  /**
   * How many seen documents the main query matches among the live documents of {@code filter}
   * (null: all): what the exclusion takes out of numFound. A few hundred advances of the main
   * query's scorers at most.
   */
  int countMatching(IndexSearcher searcher, DocSet filter) throws IOException {
    int count = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      int from = lowerBound(leaf.docBase);
      int to = lowerBound(leaf.docBase + leaf.reader().maxDoc());
      Scorer main = from == to ? null : in.scorer(leaf);
      if (main == null) {
        continue;
      }
      TwoPhaseIterator twoPhase = main.twoPhaseIterator();
      DocIdSetIterator it = twoPhase == null ? main.iterator() : twoPhase.approximation();
      Bits live = leaf.reader().getLiveDocs();
      for (int i = from; i < to; i++) {
        int doc = seenDocs[i] - leaf.docBase;
        if (it.docID() < doc) {
          it.advance(doc);
        }
        if (it.docID() == doc
            && (twoPhase == null || twoPhase.matches())
            && (live == null || live.get(doc))
            && (filter == null || filter.exists(seenDocs[i]))) {
          count++;
        }
      }
    }
    return count;
  }

  /** The main scorer, its seen documents failing the match phase. */
  private static final class ExcludingScorer extends Scorer {
    private final Scorer main;
    private final TwoPhaseIterator twoPhase;

    ExcludingScorer(Weight weight, Scorer main, Bits seen) {
      super(weight);
      this.main = main;
      TwoPhaseIterator mainTwoPhase = main.twoPhaseIterator();
      DocIdSetIterator approximation =
          mainTwoPhase == null ? main.iterator() : mainTwoPhase.approximation();
      this.twoPhase =
          new TwoPhaseIterator(approximation) {
            @Override
            public boolean matches() throws IOException {
              return !seen.get(approximation.docID())
                  && (mainTwoPhase == null || mainTwoPhase.matches());
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
