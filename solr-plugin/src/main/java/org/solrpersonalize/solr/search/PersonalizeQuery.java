package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Rescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocsCollector;
import org.apache.lucene.search.Weight;
import org.apache.solr.search.AbstractReRankQuery;
import org.apache.solr.search.QueryCommand;
import org.apache.solr.search.RankQuery;

/**
 * The RankQuery of {@code rq={!personalize ...}}: {@link WindowCollector} (or Solr's rerank
 * collector, where that one does more) keeps the top {@code reRankDocs} of the main query, {@link
 * PersonalizeRescorer} rescores them, and documents beyond the window keep their order after it.
 * Its weight ({@link FirstPassWeight}) scores with the main query's own, and with {@code
 * seen=exclude} leaves the user's seen items out ({@link SeenItems}).
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
    if (!WindowCollector.handles(cmd)) {
      return super.getTopDocsCollector(len, cmd, searcher);
    }
    // The same seen doc ids (by identity) and counter as the weight's: the weight then lets the
    // window collector leave the seen documents out in its own loop.
    return new WindowCollector(
        reRankDocs, len, rescorer, searcher, seenDocs(searcher), excludedCounter());
  }

  private int[] seenDocs(IndexSearcher searcher) throws IOException {
    return excluded == null ? FirstPassWeight.NONE : excluded.docIds(searcher);
  }

  private static AtomicInteger excludedCounter() {
    PersonalizationReport report = PersonalizeRescorer.currentReport();
    return report == null ? new AtomicInteger() : report.seenExcluded;
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
    return new FirstPassWeight(
        mainQuery, rescorer, searcher, mainWeight, seenDocs(searcher), excludedCounter());
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
