package org.solrpersonalize.solr;

import java.util.List;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.util.NamedList;
import org.junit.Assert;

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

  /**
   * The response to the text query {@code q=shoe} with {@code params} added, checked to keep the
   * order of {@code q=shoe} alone: what every fallback must do.
   */
  public static QueryResponse keepsTextOrder(SolrClient client, String... params) throws Exception {
    List<String> text = ids(query(client, "q", "shoe"));
    String[] all = new String[params.length + 2];
    all[0] = "q";
    all[1] = "shoe";
    System.arraycopy(params, 0, all, 2, params.length);
    QueryResponse rsp = query(client, all);
    Assert.assertEquals(text, ids(rsp));
    return rsp;
  }

  /** The response's {@code personalization} section. */
  public static NamedList<?> section(QueryResponse rsp) {
    return (NamedList<?>) rsp.getResponse().get("personalization");
  }

  /** The ids of a page, in its order. */
  public static List<String> ids(QueryResponse rsp) {
    return rsp.getResults().stream().map(d -> (String) d.getFieldValue("id")).toList();
  }
}
