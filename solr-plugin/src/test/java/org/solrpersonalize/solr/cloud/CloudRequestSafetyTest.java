package org.solrpersonalize.solr.cloud;

import static org.solrpersonalize.solr.Pages.section;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.solr.RequestAbuseCases;
import org.solrpersonalize.solr.UsersStoreFixture;
import org.solrpersonalize.solr.store.UsersStores;

/**
 * Requests that must not hurt a SolrCloud cluster of three nodes: {@code catalog} (2 shards on
 * nodes 0 and 1), {@code catalog1} (the same products on one shard: the standalone pages), {@code
 * users} alone on node 2 (so stopping node 2 takes the users store away and nothing else) and
 * {@code users_republish} on node 0. The request-abuse table of {@link RequestAbuseCases}, pages
 * across the rerank window, a model republished into the other slot, and fail-open.
 */
public class CloudRequestSafetyTest extends CatalogAndUsersCloud {
  private static final int PRODUCTS = 30;

  /** Products with factors of m1: all but p0, p7, p14, p21, p28. */
  private static final int M1_COUNT = 25;

  /** The products that carry model m1's fields in slot a. */
  private static final String M1_PRODUCTS =
      "pz_model_a:" + ClientUtils.escapeQueryChars(Long.toString(ModelFields.modelTag("m1")));

  private static JettySolrRunner usersNode;

  @BeforeClass
  public static void startCluster() throws Exception {
    System.setProperty("pz.usersStores", "users,users_republish");
    configureCatalogAndUsers(3);
    List<JettySolrRunner> nodes = cluster.getJettySolrRunners();
    usersNode = nodes.get(2);
    SolrClient client = cluster.getSolrClient();
    CollectionAdminRequest.createCollection("catalog", "catalog", 2, 1)
        .setCreateNodeSet(nodes.get(0).getNodeName() + "," + nodes.get(1).getNodeName())
        .process(client);
    CollectionAdminRequest.createCollection("catalog1", "catalog", 1, 1)
        .setCreateNodeSet(nodes.get(0).getNodeName())
        .process(client);
    CollectionAdminRequest.createCollection("users", "users", 1, 1)
        .setCreateNodeSet(usersNode.getNodeName())
        .process(client);
    CollectionAdminRequest.createCollection("users_republish", "users", 1, 1)
        .setCreateNodeSet(nodes.get(0).getNodeName())
        .process(client);
    cluster.waitForActiveCollection("catalog", 2, 2);
    cluster.waitForActiveCollection("catalog1", 1, 1);
    cluster.waitForActiveCollection("users", 1, 1);
    cluster.waitForActiveCollection("users_republish", 1, 1);

    List<SolrInputDocument> products = new ArrayList<>();
    for (int i = 0; i < PRODUCTS; i++) {
      products.add(RequestAbuseCases.product(i));
    }
    for (String catalog : List.of("catalog", "catalog1")) {
      client.add(catalog, products);
      client.commit(catalog);
    }
    for (String users : List.of("users", "users_republish")) {
      client.add(users, UsersStoreFixture.documents("m0"));
      client.commit(users);
    }
  }

  private static String[] send(SolrClient client, String collection, ModifiableSolrParams params) {
    try {
      // POST: some cases are longer than a URL may be.
      QueryResponse rsp = client.query(collection, params, SolrRequest.METHOD.POST);
      Object section = rsp.getResponse().get("personalization");
      return new String[] {"200", section == null ? "" : section.toString()};
    } catch (SolrException e) {
      // SolrJ and the coordinator prefix the message with the replica that answered.
      return new String[] {
        Integer.toString(e.code()), e.getMessage().replaceAll("Error from server at \\S+: ", "")
      };
    } catch (Exception e) {
      return new String[] {"exception", e.toString()};
    }
  }

  @Test
  public void everyCaseAnswers400NamingTheParameterOr200NeverA500() {
    List<String> failures =
        RequestAbuseCases.check(params -> send(cluster.getSolrClient(), "catalog", params));
    assertEquals(String.join("\n", failures), List.of(), failures);
  }

  @Test
  public void noNodeKeepsAStoreForTheNamesRequestsSend() {
    SolrClient client = cluster.getSolrClient();
    send(client, "catalog", RequestAbuseCases.params("rq", "{!personalize user=u1}"));
    List<Integer> stores = new ArrayList<>();
    for (JettySolrRunner node : cluster.getJettySolrRunners()) {
      stores.add(UsersStores.count(node.getCoreContainer()));
    }
    for (int i = 0; i < 100; i++) {
      assertEquals(
          "400",
          send(
              client,
              "catalog",
              RequestAbuseCases.params("rq", "{!personalize user=u1}", "pz.users", "users_" + i))[
              0]);
    }
    for (int n = 0; n < stores.size(); n++) {
      assertEquals(
          "node " + n,
          stores.get(n),
          (Integer) UsersStores.count(cluster.getJettySolrRunners().get(n).getCoreContainer()));
    }
  }

  @Test
  public void pagesInsideTheWindowAreTheStandalonePagesAndPagesPastItAre400s() throws Exception {
    SolrClient client = cluster.getSolrClient();
    // A window that holds every product: each shard reranks all of its own, as one core does.
    for (int start = 0; start < PRODUCTS; start += 10) {
      ModifiableSolrParams page = page("{!personalize user=u1 reRankDocs=30 norm=none}", start);
      QueryResponse standalone = client.query("catalog1", page);
      QueryResponse sharded = client.query("catalog", page);
      assertEquals(
          "page from "
              + start
              + ": "
              + standalone.getResults()
              + " "
              + section(standalone)
              + " vs "
              + sharded.getResults()
              + " "
              + section(sharded),
          RequestAbuseCases.ids(standalone),
          RequestAbuseCases.ids(sharded));
    }
    for (String norm : List.of("none", "minmax")) {
      String rq = "{!personalize user=u1 reRankDocs=15 norm=" + norm + "}";
      assertEquals(10, client.query("catalog", page(rq, 0)).getResults().size());
      for (int start = 10; start < PRODUCTS; start += 10) {
        assertEquals(
            norm + " " + start,
            Math.min(10, M1_COUNT - start),
            client.query("catalog1", page(rq, start)).getResults().size());
        String[] answer = send(client, "catalog", page(rq, start));
        assertEquals(norm + " " + start, "400", answer[0]);
        assertEquals(
            "personalize: start + rows = "
                + (start + 10)
                + " reaches beyond"
                + " reRankDocs = 15 on a collection of 2 shards, whose shards rerank separately:"
                + " pages past the window would repeat or skip documents; raise reRankDocs to at"
                + " least "
                + (start + 10)
                + " or stop paging at the window",
            answer[1]);
      }
    }
  }

  /**
   * Each shard of {@code catalog} would diversify its own part of the window: a 400. On {@code
   * catalog1} (one shard) a coordinator that does not short-circuit (it asks its shard for {@code
   * start=0, rows=start+rows}) gives the pages the core gives, caps counted in the same pages.
   */
  @Test
  public void diversityIsA400OnSeveralShardsAndOnOneGivesTheCoresPages() throws Exception {
    SolrClient client = cluster.getSolrClient();
    String message =
        "personalize: %s cannot be used on a collection of 2 shards: each shard would diversify its"
            + " own part of the window and the coordinator merges pages by score; leave %s out or"
            + " search a collection of one shard";
    for (String[] given :
        new String[][] {
          {"diversity=0.5", "diversity"},
          {"maxPerCluster=2", "maxPerCluster"},
          {"diversity=0.5 maxPerCluster=2", "diversity and maxPerCluster"}
        }) {
      String[] answer = send(client, "catalog", page("{!personalize user=u1 " + given[0] + "}", 0));
      assertEquals(given[0], "400", answer[0]);
      assertEquals(String.format(java.util.Locale.ROOT, message, given[1], given[1]), answer[1]);
    }
    assertEquals("200", send(client, "catalog", page("{!personalize user=u1 diversity=0}", 0))[0]);

    String rq = "{!personalize user=u1 reRankDocs=30 norm=none diversity=0.3 maxPerCluster=1}";
    List<String> pages = new ArrayList<>();
    List<String> plainPages = new ArrayList<>();
    try (SolrClient node0 =
        new Http2SolrClient.Builder(cluster.getJettySolrRunner(0).getBaseUrl().toString())
            .build()) {
      for (int start = 0; start < M1_COUNT; start += 5) {
        ModifiableSolrParams core = page(rq, start);
        core.set("rows", "5");
        core.set("distrib", "false");
        ModifiableSolrParams coordinated = page(rq, start);
        coordinated.set("rows", "5");
        coordinated.set("shortCircuit", "false");
        QueryResponse fromCore = node0.query("catalog1", core);
        QueryResponse fromCoordinator = node0.query("catalog1", coordinated);
        assertEquals("profile", section(fromCore).get("source"));
        assertEquals(
            "page from " + start,
            RequestAbuseCases.ids(fromCore),
            RequestAbuseCases.ids(fromCoordinator));
        pages.addAll(RequestAbuseCases.ids(fromCore));
        ModifiableSolrParams plain = page("{!personalize user=u1 reRankDocs=30 norm=none}", start);
        plain.set("rows", "5");
        plain.set("distrib", "false");
        plainPages.addAll(RequestAbuseCases.ids(node0.query("catalog1", plain)));
      }
    }
    assertEquals("every product once", M1_COUNT, new java.util.HashSet<>(pages).size());
    assertEquals(M1_COUNT, pages.size());
    assertNotEquals("diversity changes the order", plainPages, pages);
  }

  private static ModifiableSolrParams page(String rq, int start) {
    ModifiableSolrParams page = RequestAbuseCases.page(rq, start);
    page.set("q", "*:*");
    page.add("fq", M1_PRODUCTS);
    return page;
  }

  @Test
  public void aModelRepublishedIntoTheOtherSlotIsScoredFromThatSlotOnEveryNode() throws Exception {
    SolrClient client = cluster.getSolrClient();
    String rq = "{!personalize user=u1 norm=none textWeight=0 clusterWeight=0}";
    // Every node caches m1's constants (slot a) first.
    for (JettySolrRunner node : cluster.getJettySolrRunners().subList(0, 2)) {
      try (SolrClient direct = new Http2SolrClient.Builder(node.getBaseUrl().toString()).build()) {
        QueryResponse rsp = direct.query("catalog", republishQuery(rq));
        assertEquals(section(rsp).toString(), "a", section(rsp).get("slot"));
        // u1 = (2, 1), p1 = (-0.99, 0) in slot a
        assertEquals(2 * -0.99f, scores(rsp).get("p1"), 1e-6);
      }
    }
    // m1 published again, into slot b, with other factors: p1 = (3, 4) in slot b.
    List<SolrInputDocument> products = new ArrayList<>();
    for (int i = 0; i < PRODUCTS; i++) {
      SolrInputDocument doc = RequestAbuseCases.product(i);
      if (doc.getFieldValue("pz_item_a") != null) {
        doc.setField("pz_item_b", VectorCodec.encode(new float[] {3, 4, -1, -1}));
        doc.setField("pz_model_b", ModelFields.modelTag("m1"));
      }
      products.add(doc);
    }
    for (String catalog : List.of("catalog", "catalog1")) {
      client.add(catalog, products);
      client.commit(catalog);
    }
    List<SolrInputDocument> users = UsersStoreFixture.documents("m0");
    SolrInputDocument model = users.get(0).deepCopy();
    model.setField(ModelFields.SLOT, "b");
    client.add(
        "users_republish",
        List.of(
            model,
            UsersStoreFixture.document(new UsersStoreDocuments.Pointer("m1", "b").toFields("id"))));
    client.commit("users_republish");
    Thread.sleep(1_200); // the pointer is cached for a second
    for (JettySolrRunner node : cluster.getJettySolrRunners().subList(0, 2)) {
      try (SolrClient direct = new Http2SolrClient.Builder(node.getBaseUrl().toString()).build()) {
        QueryResponse rsp = direct.query("catalog", republishQuery(rq));
        assertEquals(node.getNodeName(), "b", section(rsp).get("slot"));
        assertEquals(node.getNodeName(), 2 * 3 + 1 * 4, scores(rsp).get("p1"), 1e-6);
      }
    }
  }

  private static SolrQuery republishQuery(String rq) {
    SolrQuery q = new SolrQuery("id:p1");
    q.set("defType", "lucene");
    q.set("rq", rq);
    q.set("pz.users", "users_republish");
    q.setFields("id", "score");
    return q;
  }

  @Test
  public void withTheUsersReplicaStoppedSearchesKeepTheTextOrderAndSayWhy() throws Exception {
    SolrClient client = cluster.getSolrClient();
    ModifiableSolrParams plain = page("{!personalize user=u1}", 0);
    plain.remove("rq");
    plain.set("q", "shoe red");
    List<String> text = RequestAbuseCases.ids(client.query("catalog", plain));
    ModifiableSolrParams personalized = new ModifiableSolrParams(plain);
    personalized.set("rq", "{!personalize user=u9}");
    assertEquals(
        "user-in-other-model", section(client.query("catalog", personalized)).get("fallback"));
    cluster.stopJettySolrRunner(usersNode);
    cluster.waitForJettyToStop(usersNode);
    try {
      Thread.sleep(1_200); // the pointer is cached for a second
      for (int i = 0; i < 3; i++) {
        QueryResponse rsp = client.query("catalog", personalized);
        assertEquals(text, RequestAbuseCases.ids(rsp));
        NamedList<?> section = section(rsp);
        assertEquals("users-store-unavailable", section.get("fallback"));
        assertEquals("none", section.get("source"));
      }
    } finally {
      cluster.startJettySolrRunner(usersNode);
      cluster.waitForActiveCollection("users", 1, 1);
      // The test framework may keep indexes in memory: write the store again for other tests.
      rewriteUsersStore(client);
    }
    Thread.sleep(1_200);
    QueryResponse back = client.query("catalog", personalized);
    assertEquals("user-in-other-model", section(back).get("fallback"));
  }

  /**
   * Writes the users store again after its node restarted. The client may still route to the
   * replica's address from before the restart for a moment ("No live SolrServers"), so the write is
   * retried a bounded number of times; other tests of this class need the store whole.
   */
  private static void rewriteUsersStore(SolrClient client) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        client.add("users", UsersStoreFixture.documents("m0"));
        client.commit("users");
        return;
      } catch (SolrServerException | SolrException e) {
        if (attempt == 50) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static Map<String, Double> scores(QueryResponse rsp) {
    Map<String, Double> out = new java.util.HashMap<>();
    rsp.getResults()
        .forEach(
            d ->
                out.put(
                    (String) d.getFieldValue("id"),
                    ((Number) d.getFieldValue("score")).doubleValue()));
    return out;
  }
}
