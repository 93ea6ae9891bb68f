package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.search.Query;
import org.apache.solr.search.AbstractReRankQuery;
import org.apache.solr.search.RankQuery;

/**
 * The RankQuery of {@code rq={!personalize ...}}: Solr's rerank collector keeps the top
 * {@code reRankDocs} of the main query, {@link PersonalizeRescorer} rescores them, and documents
 * beyond the window keep their order after it.
 */
final class PersonalizeQuery extends AbstractReRankQuery {
  private final PersonalizeRescorer rescorer;

  PersonalizeQuery(Query mainQuery, int reRankDocs, PersonalizeRescorer rescorer) {
    super(mainQuery, reRankDocs, rescorer);
    this.rescorer = rescorer;
    // Stay out of the queryResultCache: a cached page would skip the rescorer, so the response's
    // personalization counts would read 0, and per-user pages would evict the shared ones.
    setCache(false);
  }

  @Override
  public RankQuery wrap(Query mainQuery) {
    if (mainQuery != null) {
      this.mainQuery = mainQuery;
    }
    return this;
  }

  @Override
  protected Query rewrite(Query rewrittenMainQuery) throws IOException {
    return new PersonalizeQuery(rewrittenMainQuery, reRankDocs, rescorer);
  }

  @Override
  public boolean equals(Object o) {
    return sameClassAs(o) && Objects.equals(mainQuery, ((PersonalizeQuery) o).mainQuery)
        && reRankDocs == ((PersonalizeQuery) o).reRankDocs
        && rescorer.equals(((PersonalizeQuery) o).rescorer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), mainQuery, reRankDocs, rescorer);
  }

  @Override
  public String toString(String field) {
    return "{!personalize mainQuery='" + (mainQuery == null ? "" : mainQuery.toString(field)) + "' "
        + rescorer + "}";
  }
}
