package org.solrpersonalize.solr.response;

import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.response.transform.DocTransformer;
import org.apache.solr.response.transform.TransformerFactory;
import org.solrpersonalize.solr.search.PersonalizationReport;
import org.solrpersonalize.solr.search.RequestPersonalization;
import org.solrpersonalize.solr.search.WindowRankings;

/**
 * {@code fl=id,[personalize]}: each document gets the parts of its reranked score ({@link
 * FeatureLog}). Register in solrconfig.xml:
 *
 * <pre>{@code
 * <transformer name="personalize"
 *     class="org.solrpersonalize.solr.response.PersonalizeTransformerFactory"/>
 * }</pre>
 *
 * In SolrCloud the shards send their documents' parts with their top documents and the coordinator
 * fills the field ({@link ShardRankings}): a shard asked for stored fields alone does not rerank.
 */
public class PersonalizeTransformerFactory extends TransformerFactory {
  public static final String NAME = "personalize";
  private static final String FIELD_KEY = PersonalizeTransformerFactory.class.getName() + ".field";

  @Override
  public DocTransformer create(String field, SolrParams params, SolrQueryRequest req) {
    // Created while fl is parsed, before rq: the rerank then keeps every document's parts.
    WindowRankings.recordWithParts(req);
    req.getContext().put(FIELD_KEY, field);
    return new FeatureLogTransformer(field, req);
  }

  /** The name the request gave the field ({@code [personalize]} unless renamed), or null. */
  static String fieldOf(SolrQueryRequest req) {
    return (String) req.getContext().get(FIELD_KEY);
  }

  private static final class FeatureLogTransformer extends DocTransformer {
    private final String name;
    private final SolrQueryRequest req;

    FeatureLogTransformer(String name, SolrQueryRequest req) {
      this.name = name;
      this.req = req;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public void transform(SolrDocument doc, int docid) {
      WindowRankings rankings = WindowRankings.ifRecorded(req);
      WindowRankings.Parts parts = rankings == null ? null : rankings.partsOf(docid);
      if (parts != null) {
        doc.setField(name, FeatureLog.of(parts, rankings.team(docid)));
        return;
      }
      String teamFallback = rankings == null ? null : rankings.fallbackOf(docid);
      if (teamFallback != null) {
        doc.setField(name, FeatureLog.fallback(teamFallback, rankings.team(docid)));
        return;
      }
      RequestPersonalization rp = RequestPersonalization.ifResolved(req);
      PersonalizationReport report = rp == null ? null : rp.report();
      doc.setField(
          name,
          FeatureLog.fallback(
              FeatureLog.reasonWithoutParts(
                  report == null ? null : report.fallback,
                  rankings != null && rankings.reranked())));
    }
  }
}
