package org.solrpersonalize.solr.cloud;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.NamedList;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.solr.SeenItemsFixture;

/**
 * {@code seen=} on a catalog of 2 shards: every shard's search leaves the seen items out, so pages
 * and numFound are the standalone ones ({@code SeenItemsPluginTest}, same fixture: p1..p10 with
 * factors (i, 0); u_seen has seen p3, p7, p99 and p10, in the binary seen field; u_seen_s the same,
 * in the string field of profiles written before it).
 */
public class SeenItemsCloudTest extends SolrCloudTestCase {
  private static final Path CONFIGSETS = Path.of(System.getProperty("configsets.dir"));
  private static final String DOT_ONLY = SeenItemsFixture.DOT_ONLY;

  @BeforeClass
  public static void startCluster() throws Exception {
    configureCluster(2)
        .addConfig("catalog", CONFIGSETS.resolve("catalog").resolve("conf"))
        .addConfig("users", CONFIGSETS.resolve("users").resolve("conf"))
        .configure();
    SolrClient client = cluster.getSolrClient();
    CollectionAdminRequest.createCollection("catalog", "catalog", 2, 1).process(client);
    CollectionAdminRequest.createCollection("users", "users", 1, 1).process(client);
    cluster.waitForActiveCollection("catalog", 2, 2);
    cluster.waitForActiveCollection("users", 1, 1);
    List<SolrInputDocument> products = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      products.add(SeenItemsFixture.product(i));
    }
    client.add("catalog", products);
    client.commit("catalog");
    client.add("users", SeenItemsFixture.users());
    // u_seen_s: u_seen's profile as a trainer from before the binary field wrote it.
    client.add(
        "users", SeenItemsFixture.seenProfile("u_seen_s", UsersStoreDocuments.SeenField.STRING));
    client.commit("users");
  }

  private static QueryResponse query(String rq, int start, int rows) throws Exception {
    SolrQuery q = new SolrQuery("shoe");
    q.set("rq", rq);
    q.set("fl", "id");
    q.setStart(start);
    q.setRows(rows);
    return cluster.getSolrClient().query("catalog", q);
  }

  @Test
  public void excludeNeverReturnsASeenItemOnAnyPageAndNumFoundDropsByTheMatchedSeenItems()
      throws Exception {
    // The binary seen field, then the string one of a profile written before it.
    for (String user : List.of("u_seen", "u_seen_s")) {
      excludeOnEveryPage(user);
    }
  }

  private void excludeOnEveryPage(String user) throws Exception {
    String rq = "{!personalize user=" + user + " seen=exclude reRankDocs=20 " + DOT_ONLY + "}";
    List<String> all = new ArrayList<>();
    for (int start = 0; start < 9; start += 3) {
      QueryResponse page = query(rq, start, 3);
      assertEquals(7, page.getResults().getNumFound());
      all.addAll(SeenItemsFixture.ids(page));
      NamedList<?> seen = SeenItemsFixture.seenSection(page);
      assertEquals("exclude", seen.get("mode"));
      assertEquals(4, seen.get("items"));
      assertEquals("the shards' exclusions add up", 3, seen.get("excluded"));
    }
    assertEquals(user, List.of("p9", "p8", "p6", "p5", "p4", "p2", "p1"), all);
    QueryResponse kept =
        query("{!personalize user=" + user + " reRankDocs=20 " + DOT_ONLY + "}", 0, 3);
    assertEquals(10, kept.getResults().getNumFound());
  }

  @Test
  public void sessionsAndProfilesWithoutSeenItemsServe() throws Exception {
    QueryResponse session =
        query("{!personalize items=p2,p4 seen=exclude reRankDocs=20 " + DOT_ONLY + "}", 0, 10);
    assertEquals(8, session.getResults().getNumFound());
    assertEquals(
        List.of("p1", "p10", "p3", "p5", "p6", "p7", "p8", "p9"),
        SeenItemsFixture.ids(session).stream().sorted().toList());
    // u1's profile has no seen field, as one published before seen items existed.
    QueryResponse before =
        query("{!personalize user=u1 seen=exclude reRankDocs=20 " + DOT_ONLY + "}", 0, 10);
    assertEquals(
        List.of("p10", "p9", "p8", "p7", "p6", "p5", "p4", "p3", "p2", "p1"),
        SeenItemsFixture.ids(before));
    assertEquals(0, SeenItemsFixture.seenSection(before).get("excluded"));
  }

  @Test
  public void demoteIsA400OnSeveralShards() {
    SolrException e =
        expectThrows(
            SolrException.class, () -> query("{!personalize user=u_seen seen=demote}", 0, 10));
    assertEquals(400, e.code());
    assertTrue(
        e.getMessage(),
        e.getMessage()
            .endsWith(
                "personalize: seen=demote cannot be used on a collection of 2 shards: the"
                    + " coordinator merges the shards' pages by score, which demoting does not"
                    + " change; use seen=exclude, or search a collection of one shard"));
  }
}
