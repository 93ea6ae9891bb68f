package org.solrpersonalize.solr;

import static org.solrpersonalize.solr.Pages.ids;
import static org.solrpersonalize.solr.Pages.section;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.client.solrj.request.LukeRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.util.LogListener;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;

/**
 * The plugin in a real Solr core built from the project's configsets, with the users core in the
 * same container and the catalog spread over three segments: exact function values, reranked order,
 * fallbacks and every bad parameter's message.
 */
public class PersonalizePluginTest extends SolrTestCaseJ4 {
  private static EmbeddedSolrServer catalog;
  private static EmbeddedSolrServer users;
  private static Path solrHome;
  // Model m1, k = 2, K = 2. p5 has no factors; p6 has factors of an older model only.
  private static final Map<String, float[]> VECTORS =
      Map.of(
          "p1",
          new float[] {1, 0},
          "p2",
          new float[] {0, 1},
          "p3",
          new float[] {1, 1},
          "p4",
          new float[] {-1, 0.5f});
  private static final Map<String, float[]> LOG_DENSITIES =
      Map.of(
          "p1",
          new float[] {-1, -2},
          "p2",
          new float[] {-3, -0.5f},
          "p3",
          new float[] {-2, -2},
          "p4",
          new float[] {-800, -900});

  @BeforeClass
  public static void beforeClass() throws Exception {
    System.setProperty("pz.mergePolicyFactory", "org.apache.solr.index.NoMergePolicyFactory");
    Path home = createTempDir("solr-home");
    TestSolrHomes.create(home, "catalog", "users", "users_empty", "users_stored", "users_switch");
    // A users store written before its profile vectors had docValues: stored fields only.
    Path storedSchema = home.resolve("users_stored").resolve("conf").resolve("schema.xml");
    String schema = Files.readString(storedSchema);
    String withoutDocValues =
        schema.replaceAll("(<field name=\"pz_user_(vec|theta)\"[^>]*) docValues=\"true\"", "$1");
    assertNotEquals(
        "the users schema gives its profile vectors docValues", schema, withoutDocValues);
    Files.writeString(storedSchema, withoutDocValues);
    Files.writeString(home.resolve("solr.xml"), "<solr></solr>");
    solrHome = home;
    // users_not_loaded is configured but has no core: a store that cannot answer.
    System.setProperty(
        "pz.usersStores", "users,users_empty,users_stored,users_switch,users_not_loaded");
    initCore("solrconfig.xml", "schema.xml", home.toString(), "catalog");
    h.getCoreContainer().create("users", home.resolve("users"), Map.of(), false);
    // A users store that no model was published to yet.
    h.getCoreContainer().create("users_empty", home.resolve("users_empty"), Map.of(), false);
    catalog = new EmbeddedSolrServer(h.getCoreContainer(), "catalog");
    users = new EmbeddedSolrServer(h.getCoreContainer(), "users");

    // Three segments: NoMergePolicy keeps them apart.
    indexProducts(List.of("p1", "p2"));
    indexProducts(List.of("p3", "p4"));
    indexProducts(List.of("p5", "p6"));
    SolrInputDocument stale = new SolrInputDocument("id", "p6");
    stale.setField("pz_item_a", Map.of("set", VectorCodec.encode(new float[] {9, 9, 0, 0})));
    stale.setField("pz_model_a", Map.of("set", ModelFields.modelTag("m0")));
    catalog.add(stale);
    catalog.commit();

    users.add(UsersStoreFixture.documents("m0"));
    // A profile that does not fit m1 (k = 2): three factors.
    SolrInputDocument damaged = UsersStoreFixture.documents("m0").get(2).deepCopy();
    damaged.setField("id", ModelFields.userDocId("m1", "u_damaged"));
    damaged.setField(ModelFields.USER, "u_damaged");
    damaged.setField(ModelFields.USER_VECTOR, VectorCodec.encode(new float[] {1, 2, 3}));
    users.add(damaged);
    users.commit();
    h.getCoreContainer().create("users_stored", home.resolve("users_stored"), Map.of(), false);
    try (EmbeddedSolrServer stored = new EmbeddedSolrServer(h.getCoreContainer(), "users_stored")) {
      stored.add(UsersStoreFixture.documents("m0"));
      stored.commit();
    }
  }

  private static void indexProducts(List<String> ids) throws Exception {
    for (String id : ids) {
      SolrInputDocument doc =
          new SolrInputDocument("id", id, "title", "shoe " + id, "category", "Running Shoes");
      if (VECTORS.containsKey(id)) {
        doc.setField("pz_item_a", item(id));
        doc.setField("pz_model_a", ModelFields.modelTag("m1"));
      }
      if (id.equals("p4")) {
        doc.setField(
            "emb_bin",
            VectorCodec.encode(new float[] {0.25f, -0.75f})); // a vector field of the user's own
      }
      catalog.add(doc);
    }
    catalog.commit();
  }

  /** The slot field of a test product: its factors, then its cluster log-densities. */
  private static byte[] item(String id) {
    float[] v = VECTORS.get(id);
    float[] l = LOG_DENSITIES.get(id);
    return VectorCodec.encode(v, 0, v.length, l, 0, l.length);
  }

  @AfterClass
  public static void afterClass() throws Exception {
    catalog = null;
    users = null;
  }

  private static QueryResponse query(String... params) throws Exception {
    return Pages.query(catalog, params);
  }

  @Test
  public void catalogHasSeveralSegments() throws Exception {
    h.getCore()
        .withSearcher(
            s -> {
              assertTrue(
                  "segments: " + s.getIndexReader().leaves().size(),
                  s.getIndexReader().leaves().size() >= 3);
              return null;
            });
  }

  @Test
  public void userdotIsTheExactDotProductAndZeroWithoutFactors() throws Exception {
    QueryResponse rsp = query("q", "*:*", "fl", "id,d:userdot(u1)", "sort", "id asc", "rows", "10");
    Map<String, Float> expected =
        Map.of("p1", 2f, "p2", 1f, "p3", 3f, "p4", -1.5f, "p5", 0f, "p6", 0f);
    for (SolrDocument doc : rsp.getResults()) {
      assertEquals(
          doc.toString(),
          expected.get(doc.getFieldValue("id")),
          (Float) doc.getFieldValue("d"),
          0f);
    }
  }

  @Test
  public void clusterllIsTheLogSumExpOfAffinityTimesDensity() throws Exception {
    QueryResponse rsp = query("q", "*:*", "fl", "id,ll:clusterll($u)", "u", "u1", "sort", "id asc");
    Map<String, Double> expected =
        Map.of(
            "p1",
            Math.log(0.25 * Math.exp(-1) + 0.75 * Math.exp(-2)),
            "p2",
            Math.log(0.25 * Math.exp(-3) + 0.75 * Math.exp(-0.5)),
            "p3",
            -2.0,
            // exp(-800) underflows to 0 in double: log-sum-exp keeps it finite
            "p4",
            Math.log(0.25) - 800 + Math.log1p(3 * Math.exp(-100)),
            "p5",
            0.0,
            "p6",
            0.0);
    for (SolrDocument doc : rsp.getResults()) {
      assertEquals(
          doc.toString(),
          expected.get(doc.getFieldValue("id")),
          ((Float) doc.getFieldValue("ll")).doubleValue(),
          1e-5);
    }
  }

  @Test
  public void dotpOnTheActiveSlotAndOnAPhysicalField() throws Exception {
    QueryResponse rsp =
        query(
            "q",
            "id:p4",
            "defType",
            "lucene",
            "fl",
            "a:dotp(pz_vec,$v),b:dotp(emb_bin,1,1)",
            "v",
            "2,4");
    assertEquals(0f, (Float) rsp.getResults().get(0).getFieldValue("a"), 0f);
    assertEquals(-0.5f, (Float) rsp.getResults().get(0).getFieldValue("b"), 0f);
    // A slot field holds factors and log-densities: dotp reads the factors through pz_vec only.
    SolrException e =
        expectThrows(
            SolrException.class,
            () -> query("q", "id:p4", "defType", "lucene", "fl", "b:dotp(pz_item_a,1,1)"));
    assertEquals(400, e.code());
    assertTrue(
        e.getMessage(),
        e.getMessage().contains("field pz_item_a holds 4 floats but 2 were expected"));
  }

  @Test
  public void sortByUserdotWalksTheWholeCatalog() throws Exception {
    assertEquals(
        List.of("p3", "p1", "p2", "p5", "p6", "p4"),
        ids(query("q", "*:*", "sort", "userdot(u1) desc, id asc", "fl", "id")));
  }

  @Test
  public void rerankOrdersByTheUsersDotProductAndKeepsDocsWithoutFactorsNeutral() throws Exception {
    QueryResponse rsp =
        query("q", "shoe", "rq", "{!personalize user=u1 clusterWeight=0}", "fl", "id,score");
    // Equal text scores; dot z-scores: p3 > p1 > neutral (p5, p6 in text order) > p2 > p4.
    assertEquals(List.of("p3", "p1", "p5", "p6", "p2", "p4"), ids(rsp));
    NamedList<?> section = section(rsp);
    assertEquals("m1", section.get("model"));
    assertEquals("profile", section.get("source"));
    assertEquals(Boolean.TRUE, section.get("userFound"));
    assertEquals(6, section.get("windowSize"));
    assertEquals(2, section.get("docsWithoutFactors"));
  }

  @Test
  public void profilesOfAUsersStoreWithoutDocValuesAreReadFromStoredFields() throws Exception {
    String rq = "{!personalize user=u1}";
    QueryResponse fromDocValues = query("q", "shoe", "rq", rq, "fl", "id,score");
    QueryResponse fromStored =
        query("q", "shoe", "rq", rq, "fl", "id,score", "pz.users", "users_stored");
    assertEquals(Boolean.TRUE, section(fromStored).get("userFound"));
    assertEquals(ids(fromDocValues), ids(fromStored));
    assertEquals(scores(fromDocValues), scores(fromStored));
    assertEquals(2, section(fromStored).get("docsWithoutFactors"));
  }

  @Test
  public void theClusterPartIsTheUsersLiftOverThePopulationMixture() throws Exception {
    QueryResponse rsp =
        query(
            "q",
            "shoe",
            "rq",
            "{!personalize user=u1 textWeight=0 dotWeight=0 clusterWeight=1 norm=none}",
            "fl",
            "id,score");
    Map<String, Double> expected =
        Map.of(
            "p1", lift(-1, -2), "p2", lift(-3, -0.5), "p3", lift(-2, -2), "p4", lift(-800, -900));
    for (SolrDocument doc : rsp.getResults()) {
      Double want = expected.get((String) doc.getFieldValue("id"));
      if (want != null) {
        assertEquals(doc.toString(), want, (Float) doc.getFieldValue("score"), 1e-6);
      }
    }
    // theta = (0.25, 0.75) over pi = (0.5, 0.5): the item most in cluster 2 (p2) leads, the one
    // deepest in cluster 1 (p4, densities far out in the tail, where exp() underflows) is last.
    List<String> order = ids(rsp).stream().filter(expected::containsKey).toList();
    assertEquals(List.of("p2", "p3", "p1", "p4"), order);
    assertEquals(Math.log(0.5), expected.get("p4"), 1e-12);
  }

  /** log sum_k theta_k e^l_k - log sum_k pi_k e^l_k for theta = (0.25, 0.75), pi = (0.5, 0.5). */
  private static double lift(double l1, double l2) {
    double m = Math.max(l1, l2);
    double user = m + Math.log(0.25 * Math.exp(l1 - m) + 0.75 * Math.exp(l2 - m));
    double population = m + Math.log(0.5 * Math.exp(l1 - m) + 0.5 * Math.exp(l2 - m));
    return user - population;
  }

  @Test
  public void aRepeatedRequestIsRescoredAgainAndReportsItsCounts() throws Exception {
    for (int i = 0; i < 2; i++) {
      QueryResponse rsp =
          query("q", "shoe", "rq", "{!personalize user=u1 reRankDocs=5}", "fl", "id");
      NamedList<?> section = section(rsp);
      assertEquals("request " + i, 5, section.get("windowSize"));
    }
  }

  @Test
  public void functionsScoreInFuncQueriesBoostsAndAdditiveBoosts() throws Exception {
    Map<String, Float> dot = Map.of("p1", 2f, "p2", 1f, "p3", 3f, "p4", -1.5f, "p5", 0f, "p6", 0f);
    QueryResponse func = query("q", "{!func}userdot(u1)", "fl", "id,score", "rows", "10");
    for (SolrDocument doc : func.getResults()) {
      assertEquals(
          doc.toString(), dot.get(doc.getFieldValue("id")), (Float) doc.getFieldValue("score"), 0f);
    }
    // The user as a $param; an unknown user is the neutral 0 everywhere, not an error.
    for (SolrDocument doc :
        query(
                "q",
                "*:*",
                "fl",
                "id,d:userdot($u),n:userdot(nobody),c:clusterll(nobody)",
                "u",
                "u1",
                "rows",
                "10")
            .getResults()) {
      assertEquals(
          doc.toString(), dot.get(doc.getFieldValue("id")), (Float) doc.getFieldValue("d"), 0f);
      assertEquals(doc.toString(), 0f, (Float) doc.getFieldValue("n"), 0f);
      assertEquals(doc.toString(), 0f, (Float) doc.getFieldValue("c"), 0f);
    }
    Map<String, Float> text = scores(query("q", "shoe", "fl", "id,score", "rows", "10"));
    // edismax clamps a negative bf term to 0 (Lucene scores are non-negative), so shift by 2.
    Map<String, Float> additive =
        scores(query("q", "shoe", "bf", "sum(2,userdot(u1))", "fl", "id,score", "rows", "10"));
    Map<String, Float> multiplied =
        scores(query("q", "shoe", "boost", "sum(2,userdot(u1))", "fl", "id,score", "rows", "10"));
    for (String id : dot.keySet()) {
      assertEquals("bf " + id, text.get(id) + 2 + dot.get(id), additive.get(id), 1e-5f);
      assertEquals("boost " + id, text.get(id) * (2 + dot.get(id)), multiplied.get(id), 1e-5f);
    }
  }

  private static Map<String, Float> scores(QueryResponse rsp) {
    Map<String, Float> out = new java.util.HashMap<>();
    rsp.getResults()
        .forEach(d -> out.put((String) d.getFieldValue("id"), (Float) d.getFieldValue("score")));
    return out;
  }

  @Test
  public void functionsAreEqualExactlyWhenEveryParameterIs() throws Exception {
    org.apache.solr.request.SolrQueryRequest req = req("v", "1,2", "w", "1,3");
    try {
      java.util.function.Function<String, org.apache.lucene.search.Query> parse =
          f -> {
            try {
              return org.apache.solr.search.QParser.getParser(f, "func", req).getQuery();
            } catch (org.apache.solr.search.SyntaxError e) {
              throw new AssertionError(e);
            }
          };
      for (String[] same :
          new String[][] {
            {"userdot(u1)", "userdot(u1)"},
            {"clusterll(u1)", "clusterll(u1)"},
            {"dotp(emb_bin,1,2)", "dotp(emb_bin,$v)"}
          }) {
        assertEquals(same[0], parse.apply(same[0]), parse.apply(same[1]));
        assertEquals(same[0], parse.apply(same[0]).hashCode(), parse.apply(same[1]).hashCode());
      }
      for (String[] different :
          new String[][] {
            {"userdot(u1)", "userdot(u2)"},
            {"userdot(u1)", "clusterll(u1)"},
            {"dotp(emb_bin,1,2)", "dotp(emb_bin,$w)"},
            {"dotp(emb_bin,1,2)", "dotp(other_bin,1,2)"},
            {"dotp(pz_vec,1,2)", "dotp(emb_bin,1,2)"}
          }) {
        assertNotEquals(
            different[0] + " vs " + different[1],
            parse.apply(different[0]),
            parse.apply(different[1]));
      }
      String description = parse.apply("userdot(u1)").toString();
      assertTrue(description, description.contains("userdot(u1") && description.contains("m1"));
    } finally {
      req.close();
    }
  }

  @Test
  public void factorsSurviveAnAtomicUpdateOfAnotherField() throws Exception {
    SolrInputDocument update = new SolrInputDocument("id", "p3");
    update.setField("price", Map.of("set", 42.5f));
    catalog.add(update);
    catalog.commit();
    SolrDocument p3 =
        query("q", "id:p3", "defType", "lucene", "fl", "id,price,d:userdot(u1),c:clusterll(u1)")
            .getResults()
            .get(0);
    assertEquals(42.5f, ((Number) p3.getFieldValue("price")).floatValue(), 0f);
    assertEquals(3f, (Float) p3.getFieldValue("d"), 0f);
    assertEquals(-2.0, (Float) p3.getFieldValue("c"), 1e-6);
  }

  @Test
  public void settingTheSlotFieldsRewritesThemInPlace() throws Exception {
    long maxDoc = new LukeRequest().process(catalog).getMaxDoc();
    SolrInputDocument update = new SolrInputDocument("id", "p3");
    update.setField("pz_item_a", Map.of("set", item("p3")));
    update.setField("pz_model_a", Map.of("set", ModelFields.modelTag("m1")));
    catalog.add(update);
    catalog.commit();
    assertEquals(
        "an in-place update adds no document",
        maxDoc,
        (long) new LukeRequest().process(catalog).getMaxDoc());
    assertEquals(
        3f,
        (Float)
            query("q", "id:p3", "defType", "lucene", "fl", "d:userdot(u1)")
                .getResults()
                .get(0)
                .getFieldValue("d"),
        0f);
    // Values that are not bytes: schema.InPlaceBinaryFieldTest.
  }

  @Test
  public void groupingWithTheRerankIsA400() throws Exception {
    // Solr's grouping would drop the rank query silently: the page would not be personalized.
    SolrException e =
        expectThrows(
            SolrException.class,
            () ->
                query(
                    "q",
                    "shoe",
                    "rq",
                    "{!personalize user=u1}",
                    "group",
                    "true",
                    "group.field",
                    "category"));
    assertEquals(400, e.code());
    assertEquals(
        "personalize: rq does not work with group=true (grouping ignores rank queries); turn grouping off",
        e.getMessage());
  }

  @Test
  public void pagingAcrossTheWindowKeepsTheRerankedOrder() throws Exception {
    String rq = "{!personalize user=u1 clusterWeight=0 reRankDocs=4}";
    List<String> all = ids(query("q", "shoe", "rq", rq, "rows", "6"));
    List<String> page2 = ids(query("q", "shoe", "rq", rq, "rows", "3", "start", "3"));
    assertEquals(all.subList(3, 6), page2);
    List<String> text = ids(query("q", "shoe", "rows", "6"));
    assertEquals("beyond the window the text order stays", text.subList(4, 6), all.subList(4, 6));
  }

  @Test
  public void originalScoreGivesTheTextScoreOfEveryRerankedDocument() throws Exception {
    Map<String, Float> text = new java.util.HashMap<>();
    for (SolrDocument doc : query("q", "shoe", "fl", "id,score").getResults()) {
      text.put((String) doc.getFieldValue("id"), (Float) doc.getFieldValue("score"));
    }
    QueryResponse rsp =
        query("q", "shoe", "rq", "{!personalize user=u1}", "fl", "id,score,originalScore()");
    assertEquals(text.size(), rsp.getResults().size());
    assertNotEquals("reranked", ids(query("q", "shoe")), ids(rsp));
    for (SolrDocument doc : rsp.getResults()) {
      assertEquals(
          doc.toString(),
          text.get(doc.getFieldValue("id")),
          ((Number) doc.getFieldValue("originalScore()")).floatValue(),
          0f);
    }
  }

  /** Sends q=shoe with {@code params}, asserts the plain query's order, returns the response. */
  /** The page of {@code q=shoe} reranked by {@code rq}, with scores and the structured debug. */
  private static QueryResponse structuredDebug(String rq) throws Exception {
    return query(
        "q",
        "shoe",
        "rq",
        rq,
        "fl",
        "id,score",
        "debugQuery",
        "true",
        "debug.explain.structured",
        "true");
  }

  private static QueryResponse keepsTextOrder(String... params) throws Exception {
    return Pages.keepsTextOrder(catalog, params);
  }

  /**
   * The section of a request for a user the active model does not know: the text order, with {@code
   * userFound} false and {@code fallback}.
   */
  private static NamedList<?> userNotFound(String user, String fallback) throws Exception {
    NamedList<?> section = section(keepsTextOrder("rq", "{!personalize user=" + user + "}"));
    assertEquals(Boolean.FALSE, section.get("userFound"));
    assertEquals(fallback, section.get("fallback"));
    return section;
  }

  @Test
  public void anUnknownUserKeepsTheTextOrderAndSaysSo() throws Exception {
    NamedList<?> section = userNotFound("nobody", "unknown-user");
    assertEquals("none", section.get("source"));
  }

  @Test
  public void withoutAnActiveModelTheTextOrderStaysAndTheSectionSaysWhy() throws Exception {
    QueryResponse rsp =
        keepsTextOrder(
            "rq", "{!personalize user=u1}", "pz.users", "users_empty", "fl", "id,d:userdot(u1)");
    NamedList<?> section = section(rsp);
    assertEquals("no-active-model", section.get("fallback"));
    assertEquals(0, ((Number) section.get("docsWithoutFactors")).intValue());
    for (SolrDocument doc : rsp.getResults()) {
      assertEquals(doc.toString(), 0f, (Float) doc.getFieldValue("d"), 0f);
    }
  }

  @Test
  public void aUsersStoreThatCannotAnswerKeepsTheTextOrderAndWarnsOncePerOutage() throws Exception {
    String logger = "org.solrpersonalize.solr.search.UsersStoreWatch";
    try (LogListener warnings = LogListener.warn(logger)) {
      for (int i = 0; i < 2; i++) {
        QueryResponse rsp =
            keepsTextOrder(
                "rq",
                "{!personalize user=u1}",
                "pz.users",
                "users_not_loaded",
                "fl",
                "id,d:userdot(u1)");
        NamedList<?> section = section(rsp);
        assertEquals("users-store-unavailable", section.get("fallback"));
        assertEquals("none", section.get("source"));
        assertNull(section.get("model"));
        for (SolrDocument doc : rsp.getResults()) {
          assertEquals(doc.toString(), 0f, (Float) doc.getFieldValue("d"), 0f);
        }
      }
      assertEquals("one warning for the outage, not one per request", 1, warnings.getCount());
      assertEquals(
          "personalize: users store 'users_not_loaded' cannot answer, requests keep their"
              + " text order (fallback users-store-unavailable) until it does: personalize: users core"
              + " 'users_not_loaded' is not loaded in this Solr (create it from configsets/users, or"
              + " set pz.users to its name)",
          warnings.pollMessage());
    }
  }

  @Test
  public void aModelSwitchIsLoggedOnceAtInfo() throws Exception {
    h.getCoreContainer().create("users_switch", solrHome.resolve("users_switch"), Map.of(), false);
    String rq = "{!personalize user=u1}";
    try (EmbeddedSolrServer store = new EmbeddedSolrServer(h.getCoreContainer(), "users_switch");
        LogListener infos = LogListener.info("org.solrpersonalize.solr.search.UsersStoreWatch")) {
      List<SolrInputDocument> documents = UsersStoreFixture.documents("m0");
      store.add(documents);
      store.commit();
      query("q", "shoe", "rq", rq, "pz.users", "users_switch");
      query("q", "shoe", "rq", rq, "pz.users", "users_switch");
      assertEquals("personalize: users store 'users_switch' serves model m1", infos.pollMessage());

      SolrInputDocument m2 = documents.get(0).deepCopy();
      m2.setField("id", ModelFields.modelDocId("m2"));
      m2.setField(ModelFields.MODEL, "m2");
      SolrInputDocument pointer = documents.get(1).deepCopy();
      pointer.setField(ModelFields.MODEL, "m2");
      store.add(List.of(m2, pointer));
      store.commit();
      for (int i = 0; i < 2; i++) {
        assertEquals(
            "m2", section(query("q", "shoe", "rq", rq, "pz.users", "users_switch")).get("model"));
      }
      assertEquals(
          "personalize: users store 'users_switch' switched the active model from m1 to" + " m2",
          infos.pollMessage());
      assertEquals("one message per model, not one per request", 2, infos.getCount());
    }
  }

  @Test
  public void aProfileThatDoesNotFitItsModelKeepsTheTextOrderAndSaysSo() throws Exception {
    try (LogListener warnings =
        LogListener.warn("org.solrpersonalize.solr.search.UsersStoreWatch").substring("damaged")) {
      for (int i = 0; i < 2; i++) {
        QueryResponse rsp =
            keepsTextOrder("rq", "{!personalize user=u_damaged}", "fl", "id,d:userdot(u_damaged)");
        NamedList<?> section = section(rsp);
        assertEquals("damaged-profile", section.get("fallback"));
        assertEquals("none", section.get("source"));
        assertEquals(Boolean.TRUE, section.get("userFound"));
        for (SolrDocument doc : rsp.getResults()) {
          assertEquals(doc.toString(), 0f, (Float) doc.getFieldValue("d"), 0f);
        }
      }
      assertEquals(
          "personalize: users store 'users' holds a damaged profile of model m1 (user"
              + " u_damaged: users store document 'm1/u_damaged', field pz_user_vec: has 12 bytes,"
              + " the model has k = 2 (8 bytes)); such"
              + " users keep the text order (fallback damaged-profile), further ones are logged at"
              + " debug",
          warnings.pollMessage());
      assertEquals("one warning per model", 1, warnings.getCount());
    }
  }

  @Test
  public void aUserOfAnotherModelKeepsTheTextOrderAndSaysWhichModel() throws Exception {
    NamedList<?> section = userNotFound("u9", "user-in-other-model");
    assertEquals("m0", section.get("userModel"));
    assertEquals("m1", section.get("model"));
  }

  @Test
  public void anExplicitVectorAndASessionRerankToo() throws Exception {
    assertEquals(
        "p4", ids(query("q", "shoe", "rq", "{!personalize uv=-1,0 clusterWeight=0}")).get(0));
    QueryResponse rsp = query("q", "shoe", "rq", "{!personalize items=p2,p2x clusterWeight=0}");
    NamedList<?> section = section(rsp);
    assertEquals("session", section.get("source"));
    assertEquals(1, section.get("sessionItemsFound"));
    assertEquals("a session of p2 ranks p2 first", "p2", ids(rsp).get(0));
  }

  @Test
  public void debugExplainsEachPartAsWeightTimesNormalizedValueWithTheRawValueBelow()
      throws Exception {
    QueryResponse rsp = structuredDebug("{!personalize user=u1}");
    NamedList<?> p3 = explanation(rsp, "p3");
    assertEquals(scores(rsp).get("p3"), ((Number) p3.get("value")).floatValue(), 0f);
    assertEquals("personalize (model m1, norm zscore), sum of:", p3.get("description"));
    assertEquals(3, details(p3).size());

    // Text: the six documents score alike, so the window's stddev is 0 and the z-score 0.
    float text = scores(query("q", "shoe", "fl", "id,score")).get("p3");
    NamedList<?> textPart = node(p3, 0);
    assertNode(textPart, 0.0, "text: textWeight * zscore(text), product of:", 2);
    assertNode(node(textPart, 0), 1.0, "textWeight", 0);
    NamedList<?> textZ = node(textPart, 1);
    assertNode(
        textZ, 0.0, "zscore(text) = (raw - mean) / stddev over the window, 0 when stddev = 0", 3);
    assertNode(node(textZ, 0), text, "text: first-pass score", 1);
    assertEquals(
        "the first pass's own explanation is below the raw text score",
        text,
        ((Number) node(textZ, 0, 0).get("value")).floatValue(),
        0f);
    assertNode(node(textZ, 1), text, "window mean of text over 6 documents", 0);
    assertNode(node(textZ, 2), 0.0, "window stddev of text over 6 documents", 0);

    // Dot: u1 = (2, 1) against p1..p4 gives 2, 1, 3, -1.5: mean 1.125, variance 2.796875.
    double dotZ = (3 - 1.125) / Math.sqrt(2.796875);
    NamedList<?> dotPart = node(p3, 1);
    assertNode(dotPart, dotZ, "dot: dotWeight * zscore(dot), product of:", 2);
    assertNode(node(dotPart, 0), 1.0, "dotWeight", 0);
    assertNode(
        node(dotPart, 1),
        dotZ,
        "zscore(dot) = (raw - mean) / stddev over the window, 0 when stddev = 0",
        3);
    assertNode(node(dotPart, 1, 0), 3.0, "dot: the profile vector times the item factors", 0);
    assertNode(node(dotPart, 1, 1), 1.125, "window mean of dot over 4 documents", 0);
    assertNode(
        node(dotPart, 1, 2), Math.sqrt(2.796875), "window stddev of dot over 4 documents", 0);

    // Cluster: the lift of p3 is 0 (-2 under both mixtures), among the lifts of p1..p4.
    double[] lifts = {lift(-1, -2), lift(-3, -0.5), lift(-2, -2), lift(-800, -900)};
    double mean = (lifts[0] + lifts[1] + lifts[2] + lifts[3]) / 4;
    double variance = 0;
    for (double l : lifts) {
      variance += (l - mean) * (l - mean) / 4;
    }
    double liftZ = (lifts[2] - mean) / Math.sqrt(variance);
    NamedList<?> clusterPart = node(p3, 2);
    assertNode(
        clusterPart, 0.5 * liftZ, "cluster: clusterWeight * zscore(cluster lift), product of:", 2);
    assertNode(node(clusterPart, 0), 0.5, "clusterWeight", 0);
    NamedList<?> lift = node(clusterPart, 1, 0);
    assertNode(lift, 0.0, "cluster lift: clusterll minus the population log-density, sum of:", 2);
    // clusterll(u1) of p3 = log sum_k theta_k e^-2 = -2.00000001 (theta sums to 1 - 1e-8).
    assertNode(
        node(lift, 0),
        -2.00000001,
        "clusterll: log sum_k theta_k exp(l_k), the item under the user's cluster affinities",
        0);
    assertNode(
        node(lift, 1),
        2.0,
        "minus log sum_k pi_k exp(l_k), the item under the model's mixture weights",
        0);
    assertNode(node(clusterPart, 1, 1), mean, "window mean of cluster lift over 4 documents", 0);
    assertEquals(
        "the parts add up to the score",
        ((Number) p3.get("value")).doubleValue(),
        dotZ + 0.5 * liftZ,
        1e-6);

    // p5 has no factors: its dot and cluster parts are the window's neutral value, mean z = 0.
    NamedList<?> p5 = explanation(rsp, "p5");
    assertNode(node(p5, 1), 0.0, "dot: dotWeight * neutral dot, product of:", 2);
    assertNode(
        node(p5, 1, 1),
        0.0,
        "neutral dot: the document has no factors of model m1; mean"
            + " zscore(dot) of the window's documents that have them",
        0);
  }

  @Test
  public void debugSaysWhichDocumentsWereNotReranked() throws Exception {
    QueryResponse rsp = structuredDebug("{!personalize user=u1 reRankDocs=2}");
    List<String> order = ids(rsp);
    NamedList<?> last = explanation(rsp, order.get(order.size() - 1));
    assertEquals(
        "personalize: not reranked, outside the rerank window of 2 documents",
        last.get("description"));
    assertEquals(
        scores(rsp).get(order.get(order.size() - 1)),
        ((Number) last.get("value")).floatValue(),
        0f);
    assertEquals(1, details(last).size());
    NamedList<?> unknown =
        explanation(
            query(
                "q",
                "shoe",
                "rq",
                "{!personalize user=nobody}",
                "debugQuery",
                "true",
                "debug.explain.structured",
                "true"),
            "p3");
    assertEquals(
        "personalize: not reranked, no profile: text order kept", unknown.get("description"));
  }

  private static NamedList<?> explanation(QueryResponse rsp, String id) {
    return (NamedList<?>) ((NamedList<?>) rsp.getDebugMap().get("explain")).get(id);
  }

  @SuppressWarnings("unchecked")
  private static List<NamedList<?>> details(NamedList<?> node) {
    Object details = node.get("details");
    return details == null ? List.of() : (List<NamedList<?>>) details;
  }

  /** The node reached from {@code node} by child indexes. */
  private static NamedList<?> node(NamedList<?> node, int... path) {
    for (int i : path) {
      node = details(node).get(i);
    }
    return node;
  }

  private static void assertNode(
      NamedList<?> node, double value, String description, int children) {
    assertEquals(node.toString(), description, node.get("description"));
    assertEquals(node.toString(), value, ((Number) node.get("value")).doubleValue(), 1e-6);
    assertEquals(node.toString(), children, details(node).size());
  }

  @Test
  public void everyBadParameterIsA400NamingIt() throws Exception {
    assertBad(
        "{!personalize}", "personalize: give user=USER_ID, items=ID1,ID2,... or uv=F1,F2,...");
    assertBad(
        "{!personalize user=u1 reRankDocs=0}",
        "personalize: reRankDocs must be an integer from 1 to 10000, got '0'");
    assertBad(
        "{!personalize user=u1 reRankDocs=20000}",
        "personalize: reRankDocs must be an integer from 1 to 10000, got '20000'");
    assertBad(
        "{!personalize user=u1 textWeight=abc}",
        "personalize: textWeight must be a number, got 'abc'");
    assertBad(
        "{!personalize user=u1 dotWeight=NaN}",
        "personalize: dotWeight must be a finite number, got 'NaN'");
    assertBad(
        "{!personalize user=u1 norm=l2}",
        "personalize: norm must be none, minmax or zscore, got 'l2'");
    assertBad("{!personalize uv=1,2,3}", "personalize: uv has 3 values but model m1 has 2 factors");
    assertBad("{!personalize uv=1,x}", "uv must be comma-separated numbers, value 2 is 'x'");
    SolrException e =
        expectThrows(SolrException.class, () -> query("q", "*:*", "fl", "dotp(title,1,2)"));
    assertEquals(400, e.code());
    assertTrue(
        e.getMessage(),
        e.getMessage()
            .contains("dotp: 'title' is not a binary docValues vector field (or pz_vec)"));
  }

  /** Unit vectors of the items of m1 and their cosines (p5, p6: no factors of m1). */
  private static double cosine(String a, String b) {
    float[] x = VECTORS.get(a);
    float[] y = VECTORS.get(b);
    double dot = x[0] * y[0] + x[1] * y[1];
    return dot / Math.hypot(x[0], x[1]) / Math.hypot(y[0], y[1]);
  }

  /** Mean of 1 - cos over the pairs of these items. */
  private static double meanCosineDistance(String... items) {
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < items.length; i++) {
      for (int j = 0; j < i; j++) {
        sum += 1 - cosine(items[i], items[j]);
        pairs++;
      }
    }
    return sum / pairs;
  }

  /**
   * The page's clusters: with pi = (0.5, 0.5) an item's most likely cluster is its larger
   * log-density (the first on ties): p1 (-1, -2), p3 (-2, -2) and p4 (-800, -900) are in cluster 0,
   * p2 (-3, -0.5) in cluster 1.
   */
  @Test
  public void theSectionGivesThePagesDistinctClustersAndMeanPairwiseCosineDistance()
      throws Exception {
    String rq = "{!personalize user=u1 clusterWeight=0}";
    // p3, p1, p5, p6, p2, p4: four items with factors, clusters 0 and 1.
    NamedList<?> all = section(query("q", "shoe", "rq", rq));
    assertEquals(2, all.get("pageClusters"));
    assertEquals(
        meanCosineDistance("p1", "p2", "p3", "p4"),
        ((Number) all.get("pageCosineDistance")).doubleValue(),
        1e-6);
    NamedList<?> top2 = section(query("q", "shoe", "rq", rq, "rows", "2"));
    assertEquals(1, top2.get("pageClusters"));
    assertEquals(1 - Math.sqrt(0.5), ((Number) top2.get("pageCosineDistance")).doubleValue(), 1e-6);
    // The third page (p2, p4) of two: clusters 1 and 0.
    NamedList<?> third = section(query("q", "shoe", "rq", rq, "rows", "2", "start", "4"));
    assertEquals(2, third.get("pageClusters"));
    assertEquals(
        meanCosineDistance("p2", "p4"),
        ((Number) third.get("pageCosineDistance")).doubleValue(),
        1e-6);
    // One item with factors on the page: no distance.
    NamedList<?> second = section(query("q", "shoe", "rq", rq, "rows", "2", "start", "2"));
    assertEquals(0, second.get("pageClusters"));
    assertNull(second.get("pageCosineDistance"));
  }

  /**
   * Scores p3 1.12, p1 0.52, p5 = p6 = 0 (neutral), p2 -0.07, p4 -1.57. diversity=1 keeps p3 first,
   * then always the item least like those placed: p4 (cos -0.32 to p3), p1 and p2 (0.71 to p3 both;
   * the rank breaks the tie), then p5 and p6 (no factors: similarity 1).
   */
  @Test
  public void diversityOneOrdersByLeastSimilarToThePlacedItems() throws Exception {
    String rq = "{!personalize user=u1 clusterWeight=0 diversity=1}";
    QueryResponse rsp = query("q", "shoe", "rq", rq, "fl", "id,score");
    assertEquals(List.of("p3", "p4", "p1", "p2", "p5", "p6"), ids(rsp));
    assertEquals(
        "scores stay the reranked scores",
        scores(
            query("q", "shoe", "rq", "{!personalize user=u1 clusterWeight=0}", "fl", "id,score")),
        scores(rsp));
    NamedList<?> top3 = section(query("q", "shoe", "rq", rq, "rows", "3"));
    assertEquals(1, top3.get("pageClusters"));
    assertEquals(
        meanCosineDistance("p3", "p4", "p1"),
        ((Number) top3.get("pageCosineDistance")).doubleValue(),
        1e-6);
    // diversity=0 is the order without it.
    assertEquals(
        List.of("p3", "p1", "p5", "p6", "p2", "p4"),
        ids(query("q", "shoe", "rq", "{!personalize user=u1 clusterWeight=0 diversity=0}")));
  }

  /**
   * One per cluster on pages of two: page 1 p3, then p1 (cluster 0 again) waits for p5; page 2 p1,
   * then p6 (p2 ranks below it); page 3 p2, p4. Each page is what the whole order holds there.
   */
  @Test
  public void maxPerClusterCapsEachPageAndPagesContinueEachOther() throws Exception {
    String rq = "{!personalize user=u1 clusterWeight=0 maxPerCluster=1}";
    List<String> pages = new java.util.ArrayList<>();
    for (int start = 0; start < 6; start += 2) {
      pages.addAll(
          ids(query("q", "shoe", "rq", rq, "rows", "2", "start", Integer.toString(start))));
    }
    assertEquals(List.of("p3", "p5", "p1", "p6", "p2", "p4"), pages);
    // One page of ten: p3, p5, p6, p2, then clusters 0 only: filled in score order.
    assertEquals(List.of("p3", "p5", "p6", "p2", "p1", "p4"), ids(query("q", "shoe", "rq", rq)));
  }

  @Test
  public void debugShowsTheDiversityStepOfADocumentItMoved() throws Exception {
    QueryResponse rsp = structuredDebug("{!personalize user=u1 clusterWeight=0 diversity=1}");
    NamedList<?> p4 = explanation(rsp, "p4");
    assertNode(
        p4,
        scores(rsp).get("p4"),
        "personalize: position 2 of the window, rank 6 by score, placed by diversity=1.0:",
        2);
    assertEquals("personalize (model m1, norm zscore), sum of:", node(p4, 0).get("description"));
    NamedList<?> mmr = node(p4, 1);
    double similarity = cosine("p3", "p4");
    assertNode(
        mmr,
        -similarity,
        "diversity: (1 - diversity) * relevance - diversity * max similarity, the highest of the"
            + " remaining documents",
        3);
    assertNode(node(mmr, 0), 1.0, "diversity", 0);
    assertNode(
        node(mmr, 1),
        0.0,
        "relevance: the score min-max scaled over the candidates, the window's best 250",
        0);
    assertNode(
        node(mmr, 2),
        similarity,
        "max similarity: the highest cosine similarity of the item factors to the 1 documents"
            + " placed before it (0 for none, or without factors)",
        0);
    // p3 stays first: its explanation is the score's alone.
    assertEquals(
        "personalize (model m1, norm zscore), sum of:", explanation(rsp, "p3").get("description"));
  }

  private static void assertBad(String rq, String message) {
    SolrException e = expectThrows(SolrException.class, () -> query("q", "shoe", "rq", rq));
    assertEquals(rq, 400, e.code());
    assertEquals(rq, message, e.getMessage());
  }
}
