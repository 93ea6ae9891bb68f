package org.solrpersonalize.solr.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.common.MapWriter;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.request.LocalSolrQueryRequest;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.response.SolrQueryResponse;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.solr.TestSolrHomes;
import org.solrpersonalize.solr.UsersStoreFixture;

/**
 * The metrics as a Solr admin reads them from {@code /admin/metrics} on a real core: exact counts
 * after known requests (as differences, since a registry outlives a test's requests).
 */
public class PersonalizeMetricsTest extends SolrTestCaseJ4 {
  private static EmbeddedSolrServer catalog;

  @BeforeClass
  public static void beforeClass() throws Exception {
    Path home = createTempDir("solr-home");
    TestSolrHomes.create(home, "catalog", "users_metrics");
    Files.writeString(home.resolve("solr.xml"), "<solr></solr>");
    System.setProperty("pz.usersStores", "users_metrics");
    initCore("solrconfig.xml", "schema.xml", home.toString(), "catalog");
    h.getCoreContainer().create("users_metrics", home.resolve("users_metrics"), Map.of(), false);
    catalog = new EmbeddedSolrServer(h.getCoreContainer(), "catalog");
    float[][] factors = {{1, 0}, {0, 1}, {1, 1}};
    for (int i = 0; i < factors.length; i++) {
      SolrInputDocument doc = new SolrInputDocument("id", "p" + i, "title", "shoe p" + i);
      doc.setField("pz_item_a", VectorCodec.encode(factors[i], 0, 2, new float[] {-1, -2}, 0, 2));
      doc.setField("pz_model_a", ModelFields.modelTag("m1"));
      catalog.add(doc);
    }
    catalog.commit();
    try (EmbeddedSolrServer users = new EmbeddedSolrServer(h.getCoreContainer(), "users_metrics")) {
      users.add(UsersStoreFixture.documents("m0"));
      users.commit();
    }
  }

  @AfterClass
  public static void afterClass() throws Exception {
    catalog = null;
    System.clearProperty("pz.usersStores");
  }

  private static void personalize(String user) throws Exception {
    SolrQuery q = new SolrQuery("title:shoe");
    q.set("rq", "{!personalize user=" + user + "}");
    q.set("pz.users", "users_metrics");
    catalog.query(q);
  }

  /** The metrics of a group and prefix, as /admin/metrics answers (compact: a counter's count). */
  private static NamedList<?> metrics(String group, String prefix) throws Exception {
    SolrQueryResponse rsp = new SolrQueryResponse();
    // TestHarness.getCore() hands out the core without a reference to release.
    try (SolrQueryRequest req =
        new LocalSolrQueryRequest(h.getCore(), params("group", group, "prefix", prefix))) {
      h.getCoreContainer().getMetricsHandler().handleRequestBody(req, rsp);
    }
    NamedList<?> byRegistry = (NamedList<?>) rsp.getValues().get("metrics");
    // A store's metrics exist from its first lookup on: none before.
    NamedList<?> metrics =
        byRegistry.size() == 0 ? new NamedList<>() : (NamedList<?>) byRegistry.getVal(0);
    // A timer is written lazily (read when the response is written): read it now.
    NamedList<Object> snapshot = new NamedList<>();
    metrics.forEach(
        (name, value) ->
            snapshot.add(
                name,
                value instanceof MapWriter writer
                    ? writer.toMap(new HashMap<>()).get("count")
                    : value));
    return snapshot;
  }

  private static long number(NamedList<?> metrics, String name) {
    Object value = metrics.get(name);
    assertNotNull(name + " in " + metrics, value);
    return ((Number) value).longValue();
  }

  @Test
  public void countsRequestsFallbacksLookupsAndRerankTime() throws Exception {
    String core = PersonalizeMetrics.PREFIX;
    String store = UsersStoreMetrics.PREFIX + "users_metrics.";
    NamedList<?> before = metrics("core", core);
    NamedList<?> storeBefore = metrics("node", store);
    long lookupsBefore = storeBefore.size() == 0 ? 0 : number(storeBefore, store + "lookups");
    long hitsBefore = storeBefore.size() == 0 ? 0 : number(storeBefore, store + "hits");

    personalize("u1");
    personalize("u1");
    personalize("u1");
    personalize("nobody");

    NamedList<?> after = metrics("core", core);
    assertEquals(4, number(after, core + "requests") - number(before, core + "requests"));
    assertEquals(
        1,
        number(after, core + "fallbacks.unknown-user")
            - number(before, core + "fallbacks.unknown-user"));
    assertEquals(
        0,
        number(after, core + "fallbacks.users-store-unavailable")
            - number(before, core + "fallbacks.users-store-unavailable"));
    assertEquals(4, number(after, core + "rerankTime") - number(before, core + "rerankTime"));

    // u1: one miss then two hits; nobody: one miss.
    NamedList<?> storeAfter = metrics("node", store);
    assertEquals(4, number(storeAfter, store + "lookups") - lookupsBefore);
    assertEquals(2, number(storeAfter, store + "hits") - hitsBefore);
    assertEquals(0.5, ((Number) storeAfter.get(store + "hitRatio")).doubleValue(), 0);
  }

  @Test
  public void countsInterleavedPagesByTeam() throws Exception {
    String core = PersonalizeMetrics.PREFIX + "interleaved.";
    NamedList<?> before = metrics("core", core);
    PersonalizeMetrics m = PersonalizeMetrics.of(h.getCore());
    m.interleaved(5, 5);
    m.interleaved(5, 4);
    m.interleaved(3, 4);
    m.interleaved(2, 3);
    NamedList<?> after = metrics("core", core);
    Map<String, Long> expected =
        Map.of(
            "requests", 4L,
            "activeDocs", 15L,
            "candidateDocs", 16L,
            "teams.even", 1L,
            "teams.moreActive", 1L,
            "teams.moreCandidate", 2L);
    expected.forEach(
        (name, delta) ->
            assertEquals(
                name, (long) delta, number(after, core + name) - number(before, core + name)));
  }
}
