package org.solrpersonalize.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.synthetic.SyntheticModels;

/**
 * From a model directory's recent items to {@code seen=exclude}: publish stores each user's {@code
 * --seen-max} most recent items in the profile, and the plugin leaves them out of the results; a
 * model without recent items (trained before they existed) publishes and serves with none.
 */
class SeenItemsPublishTest extends StandaloneSolrTest {
  private static final List<String> USERS = SyntheticModels.ids("u", 0, 3);

  @BeforeAll
  static void indexProducts() throws Exception {
    CatalogFixtures.resetWithProducts(client, 30);
  }

  private static ModelDirectory.Model model(String id) {
    // u0 saw p5, then p3, then p9 (most recent first); u1 saw nothing; u2 saw p1.
    return SyntheticModels.model(id, SyntheticModels.ids("p", 0, 25), USERS, 4, 3, 7)
        .withRecentItems(new RecentItems(new int[] {0, 3, 3, 4}, new int[] {5, 3, 9, 1}));
  }

  private static void publish(ModelDirectory.Model model, int seenMax) throws Exception {
    new ModelPublisher(
            SolrTarget.standalone(solr.baseUrl(), "catalog", "users"),
            new PublishOptions(
                PublishOptions.DEFAULT_BATCH_SIZE,
                PublishOptions.DEFAULT_THREADS,
                PublishOptions.DEFAULT_LOCK_STALE_AFTER,
                null,
                false,
                PublishOptions.DEFAULT_MIN_COVERAGE,
                seenMax),
            PublishListener.NONE)
        .publish(model);
  }

  private static QueryResponse excludeFor(String user) throws Exception {
    SolrQuery q = new SolrQuery("*:*");
    q.set("rq", "{!personalize user=" + user + " seen=exclude}");
    q.set("fl", "id");
    q.setRows(30);
    return client.query("catalog", q);
  }

  private static Object seen(QueryResponse rsp, String entry) {
    NamedList<?> section = (NamedList<?>) rsp.getResponse().get("personalization");
    return ((NamedList<?>) section.get("seen")).get(entry);
  }

  @Test
  void publishStoresTheMostRecentSeenItemsAndTheSearchLeavesThemOut() throws Exception {
    publish(model("m1"), 2);
    assertEquals("p5\np3", client.getById("users", "m1/u0").getFirstValue(ModelFields.USER_SEEN));
    assertNull(client.getById("users", "m1/u1").getFirstValue(ModelFields.USER_SEEN));
    assertEquals("p1", client.getById("users", "m1/u2").getFirstValue(ModelFields.USER_SEEN));

    QueryResponse rsp = excludeFor("u0");
    assertEquals(28, rsp.getResults().getNumFound());
    List<String> ids = rsp.getResults().stream().map(d -> (String) d.get("id")).toList();
    assertFalse(ids.contains("p5") || ids.contains("p3"), ids.toString());
    assertEquals(2, seen(rsp, "items"));
    assertEquals(2, seen(rsp, "excluded"));

    // A model directory from before recent items: profiles without them, served with none seen.
    publish(model("m2").withRecentItems(null), PublishOptions.DEFAULT_SEEN_MAX);
    assertNull(client.getById("users", "m2/u0").getFirstValue(ModelFields.USER_SEEN));
    QueryResponse before = excludeFor("u0");
    assertEquals(30, before.getResults().getNumFound());
    assertEquals(0, seen(before, "excluded"));
  }

  @Test
  void seenMaxZeroStoresNone() throws Exception {
    publish(model("m3"), 0);
    assertNull(client.getById("users", "m3/u0").getFirstValue(ModelFields.USER_SEEN));
  }
}
