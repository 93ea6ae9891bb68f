package org.solrpersonalize.solr;

import static org.solrpersonalize.solr.Pages.ids;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.NamedList;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * {@code interleave=candidate} and {@code fl=[personalize]} on one core. The active model m1 (slot
 * a) and the candidate m2 (slot b), k = 2 and no clusters; with {@code textWeight=0 norm=none} a
 * score is the dot product alone: u1 = (1, 0) under m1 ranks p1..p5 by 5, 4, 3, 2, 1, and u1 = (0,
 * 1) under m2 ranks p2, p4, p5, p3, p1 by 5, 4, 3, 2, 1.
 */
public class InterleavingTest extends SolrTestCaseJ4 {
  private static EmbeddedSolrServer catalog;
  private static final String[] IDS = InterleavingCatalog.IDS;
  private static final float[] ACTIVE_X = InterleavingCatalog.ACTIVE_X;
  private static final float[] CANDIDATE_Y = InterleavingCatalog.CANDIDATE_Y;
  private static final String RQ =
      "{!personalize user=u1 interleave=candidate textWeight=0 norm=none}";

  @BeforeClass
  public static void beforeClass() throws Exception {
    Path home = TestSolrHomes.create(createTempDir("solr-home"), "catalog", "users", "users_plain");
    System.setProperty("pz.usersStores", "users,users_plain");
    initCore("solrconfig.xml", "schema.xml", home.toString(), "catalog");
    h.getCoreContainer().create("users", home.resolve("users"), Map.of(), false);
    h.getCoreContainer().create("users_plain", home.resolve("users_plain"), Map.of(), false);
    catalog = new EmbeddedSolrServer(h.getCoreContainer(), "catalog");
    catalog.add(InterleavingCatalog.products());
    catalog.commit();
    try (EmbeddedSolrServer users = new EmbeddedSolrServer(h.getCoreContainer(), "users")) {
      users.add(
          List.of(
              doc(UsersStoreFixture.modelWithoutClusters("m1", "a").toFields("id")),
              doc(UsersStoreFixture.modelWithoutClusters("m2", "b").toFields("id")),
              doc(
                  new UsersStoreDocuments.Pointer(
                          "m1", "a", new UsersStoreDocuments.SlotModel("m2", "b"), null)
                      .toFields("id")),
              doc(profile("m1", "u1", 1, 0)),
              doc(profile("m2", "u1", 0, 1)),
              doc(profile("m1", "u2", 1, 0)),
              doc(profile("m2", "u4", 0, 1)),
              doc(profile("m1", "u5", -1, 0)),
              doc(seenProfile("m1", "u3", 1, 0)),
              doc(seenProfile("m2", "u3", 0, 1)),
              // Only the candidate knows u6: its seen items are the candidate profile's.
              doc(seenProfile("m2", "u6", 0, 1))));
      users.commit();
    }
    // The same active model without a candidate: what every store looked like before.
    try (EmbeddedSolrServer plain = new EmbeddedSolrServer(h.getCoreContainer(), "users_plain")) {
      plain.add(
          List.of(
              doc(UsersStoreFixture.modelWithoutClusters("m1", "a").toFields("id")),
              doc(new UsersStoreDocuments.Pointer("m1", "a").toFields("id")),
              doc(profile("m1", "u1", 1, 0))));
      plain.commit();
    }
  }

  @AfterClass
  public static void afterClass() {
    catalog = null;
  }

  private static Map<String, Object> profile(String model, String user, float x, float y) {
    return new UsersStoreDocuments.Profile(model, user, new float[] {x, y}, new float[0])
        .toFields("id");
  }

  /** A profile of a user who has seen p1 and p2, the first of m1's and of m2's ranking. */
  private static Map<String, Object> seenProfile(String model, String user, float x, float y) {
    return new UsersStoreDocuments.Profile(
            model, user, new float[] {x, y}, new float[0], List.of("p1", "p2"))
        .toFields("id");
  }

  private static SolrInputDocument doc(Map<String, Object> fields) {
    return UsersStoreFixture.document(fields);
  }

  private static QueryResponse query(String... params) throws Exception {
    SolrQuery q = new SolrQuery();
    q.set("q", "*:*");
    q.set("defType", "lucene");
    q.set("fl", "id,score,[personalize]");
    for (int i = 0; i < params.length; i += 2) {
      q.set(params[i], params[i + 1]);
    }
    return catalog.query(q);
  }

  private static List<String> teams(QueryResponse rsp) {
    List<String> teams = new ArrayList<>();
    for (SolrDocument d : rsp.getResults()) {
      teams.add((String) featureLog(d).get("team"));
    }
    return teams;
  }

  private static List<Float> scores(QueryResponse rsp) {
    return rsp.getResults().stream().map(d -> (Float) d.getFieldValue("score")).toList();
  }

  private static Map<String, Object> featureLog(SolrDocument d) {
    return plain((NamedList<?>) d.getFieldValue("[personalize]"));
  }

  /** A response object as nested maps, for exact comparisons. */
  static Map<String, Object> plain(NamedList<?> list) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : list) {
      out.put(e.getKey(), e.getValue() instanceof NamedList<?> n ? plain(n) : e.getValue());
    }
    return out;
  }

  private static Map<String, Object> section(QueryResponse rsp) {
    return plain((NamedList<?>) rsp.getResponse().get("personalization"));
  }

  private static Map<String, Object> parts(
      String model, float score, double text, double dot, String team) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model);
    out.put("score", score);
    out.put("text", Map.of("raw", text, "normalized", text));
    out.put("dot", Map.of("raw", dot, "normalized", dot));
    out.put("cluster", Map.of("raw", 0.0, "normalized", 0.0));
    if (team != null) {
      out.put("team", team);
    }
    return out;
  }

  /** The section's {@code interleave} entry of m1 against m2; {@code noProfile} null for none. */
  private static Map<String, Object> interleaveSection(
      String noProfile, int activeTeam, int candidateTeam) {
    Map<String, Object> interleave = new LinkedHashMap<>();
    interleave.put("active", "m1");
    interleave.put("candidate", "m2");
    if (noProfile != null) {
      interleave.put("noProfile", noProfile);
    }
    interleave.put("teams", Map.of("active", activeTeam, "candidate", candidateTeam));
    return interleave;
  }

  @Test
  public void anInterleavedPageIsTheTeamDraftOfBothRankingsByHand() throws Exception {
    QueryResponse rsp = query("rq", RQ);
    // Coins of seed(u1, *:*): false, true, true. Tie, coin false: candidate p2; active behind:
    // p1; tie, coin true: active p3; candidate behind: p4 (p2 is taken); tie, coin true: active p5.
    assertEquals(List.of("p2", "p1", "p3", "p4", "p5"), ids(rsp));
    assertEquals(List.of("candidate", "active", "active", "candidate", "active"), teams(rsp));
    // Each document keeps the score of the model that placed it: not sorted by score.
    assertEquals(List.of(5f, 5f, 3f, 4f, 1f), scores(rsp));
    assertEquals(interleaveSection(null, 3, 2), section(rsp).get("interleave"));
    assertEquals("m1", section(rsp).get("model"));
    assertEquals(null, section(rsp).get("fallback"));
  }

  @Test
  public void theFeatureLogOfAnInterleavedDocumentIsItsTeamsModelsParts() throws Exception {
    QueryResponse rsp = query("rq", RQ);
    assertEquals(parts("m2", 4f, 1.0, 4.0, "candidate"), featureLog(rsp.getResults().get(3)));
    assertEquals(parts("m1", 3f, 1.0, 3.0, "active"), featureLog(rsp.getResults().get(2)));
  }

  @Test
  public void aReloadGivesTheSamePageAndPagesAreSlicesOfOneInterleaving() throws Exception {
    List<String> full = ids(query("rq", RQ));
    for (int i = 0; i < 3; i++) {
      assertEquals(full, ids(query("rq", RQ)));
    }
    QueryResponse page = query("rq", RQ, "start", "2", "rows", "2");
    assertEquals(full.subList(2, 4), ids(page));
    // The candidate's p2 first: a page the active model's first document does not fill.
    assertEquals(full.subList(0, 1), ids(query("rq", RQ, "rows", "1")));
    Map<?, ?> teams = (Map<?, ?>) ((Map<?, ?>) section(page).get("interleave")).get("teams");
    assertEquals(Map.of("active", 1, "candidate", 1), teams);
  }

  @Test
  public void anotherQueryFlipsOtherCoinsButKeepsTheTeamsWithinOne() throws Exception {
    QueryResponse rsp = query("rq", RQ, "q", "title:shoe");
    List<String> active = ids(query("rq", "{!personalize user=u1 textWeight=0 norm=none}"));
    assertEquals(List.of("p1", "p2", "p3", "p4", "p5"), active);
    assertEquals(new java.util.TreeSet<>(active), new java.util.TreeSet<>(ids(rsp)));
    long activeTeam = teams(rsp).stream().filter("active"::equals).count();
    assertTrue(teams(rsp).toString(), Math.abs(2 * activeTeam - 5) <= 1);
  }

  @Test
  public void withoutInterleavingTheFeatureLogHasNoTeam() throws Exception {
    QueryResponse rsp = query("rq", "{!personalize user=u1 textWeight=0 norm=none}");
    assertEquals(parts("m1", 5f, 1.0, 5.0, null), featureLog(rsp.getResults().get(0)));
    assertEquals(null, section(rsp).get("interleave"));
  }

  @Test
  public void zscoreNormalizesEachPartOverTheWindow() throws Exception {
    QueryResponse rsp = query("rq", "{!personalize user=u1 interleave=candidate}", "rows", "10");
    for (SolrDocument d : rsp.getResults()) {
      Map<String, Object> log = featureLog(d);
      boolean candidate = "candidate".equals(log.get("team"));
      int i = List.of(IDS).indexOf((String) d.getFieldValue("id"));
      double raw = candidate ? CANDIDATE_Y[i] : ACTIVE_X[i];
      // dot over 5, 4, 3, 2, 1 (either model): mean 3, population stddev sqrt(2).
      assertEquals(Map.of("raw", raw, "normalized", (raw - 3) / Math.sqrt(2)), log.get("dot"));
      // All text scores are 1: z-score 0.
      assertEquals(Map.of("raw", 1.0, "normalized", 0.0), log.get("text"));
      assertEquals((float) ((raw - 3) / Math.sqrt(2)), (Float) log.get("score"), 1e-6f);
    }
  }

  @Test
  public void withoutACandidateTheActiveModelRanksAndSaysWhy() throws Exception {
    QueryResponse rsp = query("rq", RQ, "pz.users", "users_plain");
    assertEquals(List.of("p1", "p2", "p3", "p4", "p5"), ids(rsp));
    assertEquals(
        Map.of("active", "m1", "fallback", "no-candidate"), section(rsp).get("interleave"));
    assertEquals(parts("m1", 5f, 1.0, 5.0, null), featureLog(rsp.getResults().get(0)));
  }

  /** A new user of tonight's candidate ({@link InterleavingCatalog#NEW_USER_OF_CANDIDATE}). */
  @Test
  public void aNewUserOfTheCandidateIsInterleavedWithTheActiveTextOrder() throws Exception {
    QueryResponse rsp = coveredPage(InterleavingCatalog.NEW_USER_OF_CANDIDATE, 3);
    assertEquals("user-in-other-model", section(rsp).get("fallback"));
    assertEquals(parts("m2", 5f, 1.0, 5.0, "candidate"), featureLog(rsp.getResults().get(0)));
  }

  /** A user the candidate dropped ({@link InterleavingCatalog#DROPPED_BY_CANDIDATE}). */
  @Test
  public void aUserTheCandidateDoesNotKnowIsInterleavedWithTheCandidateTextOrder()
      throws Exception {
    QueryResponse rsp = coveredPage(InterleavingCatalog.DROPPED_BY_CANDIDATE, 2);
    assertEquals(null, section(rsp).get("fallback"));
    assertEquals(parts("m1", -1f, 1.0, -1.0, "active"), featureLog(rsp.getResults().get(0)));
  }

  /**
   * The interleaved page of a user only one model knows, checked against {@code expected}: ids,
   * teams, scores, the section's teams and noProfile, and the second document's feature log (placed
   * by the team without a profile in both pages).
   */
  private static QueryResponse coveredPage(InterleavingCatalog.Page expected, int activeTeam)
      throws Exception {
    QueryResponse rsp =
        query(
            "rq",
            "{!personalize user="
                + expected.user()
                + " interleave=candidate textWeight=0 norm=none}");
    assertEquals(expected.ids(), ids(rsp));
    assertEquals(expected.teams(), teams(rsp));
    assertEquals(expected.scores(), scores(rsp));
    assertEquals(
        interleaveSection(expected.noProfile(), activeTeam, expected.ids().size() - activeTeam),
        section(rsp).get("interleave"));
    assertEquals(
        Map.of("fallback", expected.reason(), "team", expected.noProfile()),
        featureLog(rsp.getResults().get(1)));
    return rsp;
  }

  /**
   * u3 has seen p1 and p2. With seen=demote both rankings put them last (m1: p3, p4, p5, p1, p2;
   * m2: p4, p5, p3, p2, p1), so whatever the coins, the first three picks are p3, p4, p5 and the
   * seen items close the page; the section counts the active ranking's demotions once.
   */
  @Test
  public void seenDemoteHoldsOnAnInterleavedPage() throws Exception {
    QueryResponse rsp = seenPage("u3", "demote");
    assertEquals("m2", ((Map<?, ?>) section(rsp).get("interleave")).get("candidate"));
    assertEquals(Map.of("mode", "demote", "items", 2, "demoted", 2), section(rsp).get("seen"));
  }

  /** seen=exclude leaves p1 and p2 out of the main query: neither team can place them. */
  @Test
  public void seenExcludeHoldsOnAnInterleavedPage() throws Exception {
    QueryResponse rsp = seenPage("u3", "exclude");
    assertEquals("m2", ((Map<?, ?>) section(rsp).get("interleave")).get("candidate"));
    assertEquals(Map.of("mode", "exclude", "items", 2, "excluded", 2), section(rsp).get("seen"));
  }

  /**
   * The interleaved page of a user who has seen p1 and p2, whatever the coins: without them
   * (exclude, numFound 3) or with them after p3, p4 and p5 (demote, numFound 5).
   */
  private static QueryResponse seenPage(String user, String seen) throws Exception {
    QueryResponse rsp =
        query(
            "rq",
            "{!personalize user="
                + user
                + " interleave=candidate seen="
                + seen
                + " textWeight=0 norm=none}");
    List<String> ids = ids(rsp);
    assertEquals(Set.of("p3", "p4", "p5"), Set.copyOf(ids.subList(0, 3)));
    if (seen.equals("exclude")) {
      assertEquals(3, ids.size());
      assertEquals(3, rsp.getResults().getNumFound());
    } else {
      assertEquals(Set.of("p1", "p2"), Set.copyOf(ids.subList(3, 5)));
      assertEquals(5, ids.size());
      assertEquals(5, rsp.getResults().getNumFound());
    }
    return rsp;
  }

  /**
   * u6 is known to the candidate only, which holds u6's seen p1 and p2: the active side keeps the
   * text order, and the candidate's seen items hold for both teams (left out of the search, or last
   * in both rankings).
   */
  @Test
  public void theSeenItemsOfAUserOnlyTheCandidateKnowsAreTheCandidatesProfiles() throws Exception {
    for (String seen : List.of("exclude", "demote")) {
      QueryResponse rsp = seenPage("u6", seen);
      assertEquals("active", ((Map<?, ?>) section(rsp).get("interleave")).get("noProfile"));
      assertEquals(
          Map.of("mode", seen, "items", 2, seen + "d", 2, "from", "candidate"),
          section(rsp).get("seen"));
    }
  }

  /** Without interleaving the candidate is not asked: u6 is unknown and has no seen items. */
  @Test
  public void withoutInterleavingAUserOnlyTheCandidateKnowsHasNoSeenItems() throws Exception {
    QueryResponse rsp = query("rq", "{!personalize user=u6 seen=exclude textWeight=0 norm=none}");
    assertEquals(5, rsp.getResults().getNumFound());
    assertEquals(Map.of("mode", "exclude", "items", 0, "excluded", 0), section(rsp).get("seen"));
  }

  @Test
  public void aFallbackIsVisibleInTheSectionAndInEveryFeatureLog() throws Exception {
    QueryResponse rsp = query("rq", "{!personalize user=nobody interleave=candidate}");
    assertEquals("unknown-user", section(rsp).get("fallback"));
    assertEquals(
        Map.of("active", "m1", "fallback", "not-personalized"), section(rsp).get("interleave"));
    for (SolrDocument d : rsp.getResults()) {
      assertEquals(Map.of("fallback", "unknown-user"), featureLog(d));
    }
    QueryResponse session =
        query("rq", "{!personalize items=p1 interleave=candidate}", "rows", "1");
    assertEquals(
        Map.of("active", "m1", "fallback", "needs-user"), section(session).get("interleave"));
  }

  @Test
  public void documentsBeyondTheWindowSaySo() throws Exception {
    QueryResponse rsp = query("rq", "{!personalize user=u1 reRankDocs=2 textWeight=0 norm=none}");
    assertEquals(parts("m1", 5f, 1.0, 5.0, null), featureLog(rsp.getResults().get(0)));
    assertEquals(Map.of("fallback", "outside-window"), featureLog(rsp.getResults().get(4)));
  }

  @Test
  public void aCandidateLeavesEveryActiveResponseAsItWas() throws Exception {
    for (String rq :
        List.of("{!personalize user=u1}", "{!personalize user=u1 norm=minmax dotWeight=2}")) {
      QueryResponse withCandidate = query("rq", rq, "fl", "id,score");
      QueryResponse without = query("rq", rq, "fl", "id,score", "pz.users", "users_plain");
      assertEquals(ids(without), ids(withCandidate));
      assertEquals(scores(without), scores(withCandidate));
      assertEquals(section(without), section(withCandidate));
    }
  }
}
