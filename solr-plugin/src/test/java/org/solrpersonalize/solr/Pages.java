package org.solrpersonalize.solr;

import java.util.List;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;

/** The requests of the plugin tests, as name-value pairs, and the ids of the pages they return. */
public final class Pages {
  private Pages() {}

  /**
   * Sends the parameters given as pairs, e.g. {@code query(catalog, "q", "shoe", "rq",
   * "{!personalize user=u1}")}.
   */
  public static QueryResponse query(SolrClient client, String... nameValuePairs) throws Exception {
    SolrQuery q = new SolrQuery();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      q.set(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return client.query(q);
  }

  /** The ids of a page, in its order. */
  public static List<String> ids(QueryResponse rsp) {
    return rsp.getResults().stream().map(d -> (String) d.getFieldValue("id")).toList();
  }
}
