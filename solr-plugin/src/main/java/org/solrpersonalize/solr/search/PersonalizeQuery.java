package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Rescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TopDocsCollector;
import org.apache.lucene.search.Weight;
import org.apache.solr.search.AbstractReRankQuery;
import org.apache.solr.search.QueryCommand;
import org.apache.solr.search.RankQuery;
import org.apache.solr.search.ReRankWeight;

/**
 * The RankQuery of {@code rq={!personalize ...}}: {@link WindowCollector} (or Solr's rerank
 * collector, where that one does more) keeps the top {@code reRankDocs} of the main query, {@link
 * PersonalizeRescorer} rescores them, and documents beyond the window keep their order after it.
 * With {@code seen=exclude} the main query's weight leaves the user's seen items out ({@link
 * SeenItems}).
 */
final class PersonalizeQuery extends AbstractReRankQuery {
  private final Rescorer rescorer;

  /** The seen items the main query leaves out ({@code seen=exclude}), or null. */
  private final SeenItems excluded;

  PersonalizeQuery(Query mainQuery, int reRankDocs, Rescorer rescorer, SeenItems excluded) {
    super(mainQuery, reRankDocs, rescorer);
    this.rescorer = rescorer;
    this.excluded = excluded;
    // Stay out of the queryResultCache: a cached page would skip the rescorer, so the response's
    // personalization counts would read 0, and per-user pages would evict the shared ones.
    setCache(false);
  }

  @Override
  public TopDocsCollector<? extends ScoreDoc> getTopDocsCollector(
      int len, QueryCommand cmd, IndexSearcher searcher) throws IOException {
    return WindowCollector.handles(cmd)
        ? new WindowCollector(reRankDocs, len, rescorer, searcher)
        : super.getTopDocsCollector(len, cmd, searcher);
  }

  @Override
  public RankQuery wrap(Query mainQuery) {
    if (mainQuery != null) {
      this.mainQuery = mainQuery;
    }
    return this;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
      throws IOException {
    if (mainQuery == null) {
      // Only Solr's rq wraps a main query; the parser refuses other uses, this is the last guard.
      throw BadRequests.of(PersonalizeQParserPlugin.RQ_ONLY);
    }
    Weight mainWeight = mainQuery.createWeight(searcher, scoreMode, boost);
    if (excluded != null) {
      mainWeight = excluded.excluding(searcher, mainWeight, PersonalizeRescorer.currentReport());
    }
    return new MainScoringReRankWeight(mainQuery, rescorer, searcher, mainWeight);
  }

  /**
   * Solr's ReRankWeight (a Lucene FilterWeight) hands out only the main query's {@code scorer}: the
   * first pass then runs Lucene's default one-document-at-a-time loop instead of the main weight's
   * own bulk scorer, which for the usual disjunction of terms is Lucene's much faster window-based
   * BooleanScorer. The first pass of a reranked query costs what the query alone costs only if the
   * main weight does the scoring, so every scoring method is its.
   */
  private static final class MainScoringReRankWeight extends ReRankWeight {
    private final Weight main;

    MainScoringReRankWeight(Query mainQuery, Rescorer rescorer, IndexSearcher searcher, Weight main)
        throws IOException {
      super(mainQuery, rescorer, searcher, main, null, null);
      this.main = main;
    }

    @Override
    public BulkScorer bulkScorer(LeafReaderContext context) throws IOException {
      return main.bulkScorer(context);
    }

    @Override
    public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
      return main.scorerSupplier(context);
    }

    @Override
    public int count(LeafReaderContext context) throws IOException {
      return main.count(context);
    }
  }

  @Override
  protected Query rewrite(Query rewrittenMainQuery) throws IOException {
    return new PersonalizeQuery(rewrittenMainQuery, reRankDocs, rescorer, excluded);
  }

  @Override
  public boolean equals(Object o) {
    return sameClassAs(o)
        && Objects.equals(mainQuery, ((PersonalizeQuery) o).mainQuery)
        && reRankDocs == ((PersonalizeQuery) o).reRankDocs
        && rescorer.equals(((PersonalizeQuery) o).rescorer)
        && Objects.equals(excluded, ((PersonalizeQuery) o).excluded);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), mainQuery, reRankDocs, rescorer, excluded);
  }

  @Override
  public String toString(String field) {
    return "{!personalize mainQuery='"
        + (mainQuery == null ? "" : mainQuery.toString(field))
        + "' "
        + rescorer
        + "}";
  }
}
