package org.solrpersonalize.solr.cloud;

import static org.solrpersonalize.solr.Pages.ids;
import static org.solrpersonalize.solr.Pages.section;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.solr.UsersStoreFixture;
import org.solrpersonalize.solr.interleave.Team;
import org.solrpersonalize.solr.interleave.TeamDraftInterleaving;
import org.solrpersonalize.solr.search.MergedPageDiversity;

/**
 * The plugin in SolrCloud: catalog with 2 shards x 2 replicas over two nodes, users on one shard
 * and one replica, so one node reads profiles from the other. With {@code norm=none} every score
 * depends on the document alone, so the distributed page equals the standalone formula exactly;
 * window normalizations ({@code zscore}, {@code minmax}) work per shard window. The pointer also
 * names a candidate, m3 in slot b (k = 2, no clusters, u1 = (0, 1)): an interleaved page is the
 * team-draft interleaving of the two global rankings, as on one core.
 */
public class PersonalizeCloudTest extends CatalogAndUsersCloud {

  /** The products that carry model m1's fields. */
  private static final String M1_PRODUCTS =
      "pz_model_a:" + ClientUtils.escapeQueryChars(Long.toString(ModelFields.modelTag("m1")));

  // Model m1, k = 2, K = 2, pi = (0.5, 0.5). p8 has no factors.
  private static final Map<String, float[]> VECTORS = new LinkedHashMap<>();
  private static final Map<String, float[]> LOG_DENSITIES = new LinkedHashMap<>();
  private static final float[] U1 = UsersStoreFixture.U1;
  private static final double[] THETA = UsersStoreFixture.U1_THETA;

  /** The candidate m3's item vectors (slot b) are (0, y): u1's candidate score is 1 + y. */
  private static final Map<String, Float> CANDIDATE_Y = new LinkedHashMap<>();

  static {
    float[] y = {0.5f, 3, -1, 2, 1.5f, -2, 2.5f};
    for (int i = 0; i < y.length; i++) {
      CANDIDATE_Y.put("p" + (i + 1), y[i]);
    }
    float[][] v = {{1, 0}, {0, 1}, {1, 1}, {-1, 0.5f}, {0.5f, 0.5f}, {2, -1}, {-0.5f, 2}};
    float[][] l = {
      {-1, -2}, {-3, -0.5f}, {-2, -2}, {-800, -900}, {-1.5f, -1}, {-0.2f, -4}, {-6, -0.1f}
    };
    for (int i = 0; i < v.length; i++) {
      VECTORS.put("p" + (i + 1), v[i]);
      LOG_DENSITIES.put("p" + (i + 1), l[i]);
    }
  }

  @BeforeClass
  public static void startCluster() throws Exception {
    configureCatalogAndUsers(2);
    createCatalogAndUsers(2, 2, 1);
    SolrClient client = cluster.getSolrClient();

    List<SolrInputDocument> products = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      String id = "p" + i;
      SolrInputDocument doc = new SolrInputDocument("id", id, "title", "shoe " + id);
      if (VECTORS.containsKey(id)) {
        float[] v = VECTORS.get(id);
        float[] l = LOG_DENSITIES.get(id);
        doc.setField("pz_item_a", VectorCodec.encode(v, 0, v.length, l, 0, l.length));
        doc.setField("pz_model_a", ModelFields.modelTag("m1"));
        doc.setField("pz_item_b", VectorCodec.encode(new float[] {0, CANDIDATE_Y.get(id)}));
        doc.setField("pz_model_b", ModelFields.modelTag("m3"));
      }
      products.add(doc);
    }
    client.add("catalog", products);
    client.commit("catalog");

    client.add("users", UsersStoreFixture.documents("m2"));
    client.add(
        "users",
        List.of(
            UsersStoreFixture.candidateModel("m3", "b", "id"),
            UsersStoreFixture.profile("m3", "u1", new float[] {0, 1}, new float[0], "id"),
            UsersStoreFixture.pointerWithCandidate("m3", "b", "id")));
    client.commit("users");
  }

  @Test
  public void bothShardsHoldProducts() throws Exception {
    for (Slice slice :
        cluster.getSolrClient().getClusterState().getCollection("catalog").getSlices()) {
      try (SolrClient replica =
          new Http2SolrClient.Builder(slice.getLeader().getBaseUrl()).build()) {
        SolrQuery q = new SolrQuery("*:*");
        q.set("distrib", false);
        long n = replica.query(slice.getLeader().getCoreName(), q).getResults().getNumFound();
        assertTrue(slice.getName() + " holds " + n + " products", n > 0 && n < 8);
      }
    }
  }

  @Test
  public void everyNodeGivesTheStandaloneScoresOfTheFormula() throws Exception {
    Map<String, Double> expected = expectedScores();
    for (JettySolrRunner node : cluster.getJettySolrRunners()) {
      try (SolrClient client = new Http2SolrClient.Builder(node.getBaseUrl().toString()).build()) {
        QueryResponse rsp =
            client.query("catalog", query("{!personalize user=u1 norm=none}", M1_PRODUCTS));
        assertScores(node.getNodeName(), expected, scores(rsp));
        NamedList<?> section = section(rsp);
        assertEquals(node.getNodeName(), "m1", section.get("model"));
        assertEquals(node.getNodeName(), "profile", section.get("source"));
        assertEquals(node.getNodeName(), Boolean.TRUE, section.get("userFound"));
        assertEquals(node.getNodeName(), 7, section.get("windowSize"));
        assertEquals(node.getNodeName(), 0, section.get("docsWithoutFactors"));
      }
    }
  }

  @Test
  public void shardCountsAddUpAndDocsWithoutFactorsAreCounted() throws Exception {
    QueryResponse rsp =
        cluster.getSolrClient().query("catalog", query("{!personalize user=u1}", null));
    assertEquals(8, rsp.getResults().size());
    NamedList<?> section = section(rsp);
    assertEquals(8, section.get("windowSize"));
    assertEquals(1, section.get("docsWithoutFactors"));
    List<Float> scores =
        rsp.getResults().stream().map(d -> (Float) d.getFieldValue("score")).toList();
    List<Float> sorted = new ArrayList<>(scores);
    sorted.sort(Comparator.reverseOrder());
    assertEquals("shards' pages merge by their reranked scores", sorted, scores);
  }

  @Test
  public void unknownUsersAndUsersOfAnotherModelKeepTheTextOrderOnEveryNode() throws Exception {
    List<String> plain = ids(cluster.getSolrClient().query("catalog", query(null, null)));
    for (JettySolrRunner node : cluster.getJettySolrRunners()) {
      try (SolrClient client = new Http2SolrClient.Builder(node.getBaseUrl().toString()).build()) {
        QueryResponse rsp = client.query("catalog", query("{!personalize user=nobody}", null));
        assertEquals(node.getNodeName(), plain, ids(rsp));
        assertEquals(node.getNodeName(), "unknown-user", section(rsp).get("fallback"));
        assertEquals(node.getNodeName(), Boolean.FALSE, section(rsp).get("userFound"));
        QueryResponse other = client.query("catalog", query("{!personalize user=u9}", null));
        assertEquals(node.getNodeName(), plain, ids(other));
        assertEquals(node.getNodeName(), "user-in-other-model", section(other).get("fallback"));
        assertEquals(node.getNodeName(), "m2", section(other).get("userModel"));
      }
    }
  }

  @Test
  public void aSessionReadsItsItemsFromEveryShard() throws Exception {
    QueryResponse rsp =
        cluster
            .getSolrClient()
            .query(
                "catalog",
                query("{!personalize items=p2,p7,missing clusterWeight=0 norm=none}", M1_PRODUCTS));
    NamedList<?> section = section(rsp);
    assertEquals("session", section.get("source"));
    assertEquals(2, section.get("sessionItemsFound"));
    // ALS fold-in by hand: x = (YtY + lambda I + sum (c-1) y y^T)^-1 sum c y with c = 1 + 10,
    // YtY from the model doc, y = p2, p7: x = (0.1260, 0.6532); the page is by x . v_i.
    assertEquals(List.of("p7", "p3", "p2", "p5", "p4", "p1", "p6"), ids(rsp));
  }

  /**
   * The coordinator measures the merged page from the shards' factors, as one core measures its
   * own: with pi = (0.5, 0.5) an item's cluster is its larger log-density (the first on ties), so
   * p1, p3, p4 and p6 are in cluster 0, p2, p5 and p7 in cluster 1.
   */
  @Test
  public void everyNodeReportsTheMergedPagesClustersAndCosineDistance() throws Exception {
    List<String> order = new ArrayList<>(expectedScores().keySet());
    for (JettySolrRunner node : cluster.getJettySolrRunners()) {
      try (SolrClient client = new Http2SolrClient.Builder(node.getBaseUrl().toString()).build()) {
        for (int[] startRows : new int[][] {{0, 10}, {0, 3}, {2, 3}, {6, 3}}) {
          SolrQuery q = query("{!personalize user=u1 norm=none}", M1_PRODUCTS);
          q.setStart(startRows[0]);
          q.setRows(startRows[1]);
          QueryResponse rsp = client.query("catalog", q);
          List<String> page = ids(rsp);
          String what = node.getNodeName() + " start=" + startRows[0] + " rows=" + startRows[1];
          assertEquals(
              what,
              order.subList(startRows[0], Math.min(order.size(), startRows[0] + startRows[1])),
              page);
          NamedList<?> section = section(rsp);
          assertEquals(what, pageClusters(page), section.get("pageClusters"));
          if (page.size() < 2) {
            assertNull(what, section.get("pageCosineDistance"));
          } else {
            assertEquals(
                what,
                meanCosineDistance(page),
                ((Number) section.get("pageCosineDistance")).doubleValue(),
                1e-6);
          }
          assertNull(what, section.get(MergedPageDiversity.SHARD_PAGE));
        }
      }
    }
  }

  private static int pageClusters(List<String> page) {
    Set<Integer> clusters = new HashSet<>();
    for (String id : page) {
      float[] l = LOG_DENSITIES.get(id);
      clusters.add(l[1] > l[0] ? 1 : 0);
    }
    return clusters.size();
  }

  private static double meanCosineDistance(List<String> page) {
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < page.size(); i++) {
      for (int j = 0; j < i; j++) {
        float[] a = VECTORS.get(page.get(i));
        float[] b = VECTORS.get(page.get(j));
        double cos =
            (a[0] * b[0] + a[1] * b[1])
                / Math.sqrt((a[0] * a[0] + a[1] * a[1]) * (b[0] * b[0] + b[1] * b[1]));
        sum += 1 - cos;
        pairs++;
      }
    }
    return sum / pairs;
  }

  @Test
  public void debugExplainsEveryRerankedDocumentOfEveryShardAsATree() throws Exception {
    SolrQuery q = query("{!personalize user=u1 norm=none}", M1_PRODUCTS);
    q.set("debugQuery", "true");
    q.set("debug.explain.structured", "true");
    QueryResponse rsp = cluster.getSolrClient().query("catalog", q);
    Map<String, Double> scores = scores(rsp);
    NamedList<?> explain = (NamedList<?>) rsp.getDebugMap().get("explain");
    assertEquals(7, explain.size());
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      NamedList<?> tree = (NamedList<?>) explain.get(e.getKey());
      assertEquals(
          e.getKey(), "personalize (model m1, norm none), sum of:", tree.get("description"));
      assertEquals(e.getKey(), e.getValue(), ((Number) tree.get("value")).doubleValue(), 0);
      // text (1 * 1), dot (1 * userdot) and cluster (0.5 * lift)
      float[] v = VECTORS.get(e.getKey());
      List<?> parts = (List<?>) tree.get("details");
      assertEquals(e.getKey(), 3, parts.size());
      assertEquals(
          e.getKey(),
          U1[0] * v[0] + U1[1] * v[1],
          ((Number) ((NamedList<?>) parts.get(1)).get("value")).doubleValue(),
          1e-6);
    }
  }

  @Test
  public void everyNodeInterleavesTheGlobalRankingsAsOneCoreWould() throws Exception {
    List<String> active = new ArrayList<>(expectedScores().keySet());
    Map<String, Double> candidateScores = new LinkedHashMap<>();
    CANDIDATE_Y.entrySet().stream()
        .sorted(Map.Entry.<String, Float>comparingByValue().reversed())
        .forEach(e -> candidateScores.put(e.getKey(), 1.0 + e.getValue()));
    List<String> candidate = new ArrayList<>(candidateScores.keySet());
    List<TeamDraftInterleaving.Pick<String>> expected =
        TeamDraftInterleaving.interleave(
            active, candidate, 10, TeamDraftInterleaving.seed("u1", "*:*"));
    for (String rows : List.of("10", "3")) {
      int n = Math.min(Integer.parseInt(rows), expected.size());
      for (JettySolrRunner node : cluster.getJettySolrRunners()) {
        try (SolrClient client =
            new Http2SolrClient.Builder(node.getBaseUrl().toString()).build()) {
          SolrQuery q = query("{!personalize user=u1 norm=none interleave=candidate}", M1_PRODUCTS);
          q.setFields("id", "score", "[personalize]");
          q.setRows(Integer.parseInt(rows));
          QueryResponse rsp = client.query("catalog", q);
          String where = node.getNodeName() + " rows=" + rows;
          List<TeamDraftInterleaving.Pick<String>> page = expected.subList(0, n);
          assertEquals(where, page.stream().map(p -> p.item()).toList(), ids(rsp));
          int activeTeam = 0;
          for (int i = 0; i < n; i++) {
            SolrDocument doc = rsp.getResults().get(i);
            NamedList<?> log = (NamedList<?>) doc.getFieldValue("[personalize]");
            Team team = page.get(i).team();
            activeTeam += team == Team.ACTIVE ? 1 : 0;
            assertEquals(where, team.parameterValue(), log.get("team"));
            assertEquals(where, team == Team.ACTIVE ? "m1" : "m3", log.get("model"));
            double score =
                (team == Team.ACTIVE ? expectedScores() : candidateScores).get(doc.get("id"));
            assertEquals(where, score, ((Number) doc.getFieldValue("score")).doubleValue(), 1e-5);
            assertEquals(where, (float) score, (Float) log.get("score"), 1e-5f);
          }
          NamedList<?> interleave = (NamedList<?>) section(rsp).get("interleave");
          assertEquals(where, "m1", interleave.get("active"));
          assertEquals(where, "m3", interleave.get("candidate"));
          NamedList<?> teams = (NamedList<?>) interleave.get("teams");
          assertEquals(where, activeTeam, teams.get("active"));
          assertEquals(where, n - activeTeam, teams.get("candidate"));
        }
      }
    }
  }

  @Test
  public void theFeatureLogOfADistributedPageHasEachDocumentsParts() throws Exception {
    SolrQuery q = query("{!personalize user=u1 norm=none}", null);
    q.setFields("id", "[personalize]");
    QueryResponse rsp = cluster.getSolrClient().query("catalog", q);
    assertEquals(8, rsp.getResults().size());
    for (SolrDocument doc : rsp.getResults()) {
      String id = (String) doc.getFieldValue("id");
      NamedList<?> log = (NamedList<?>) doc.getFieldValue("[personalize]");
      assertEquals(id, "m1", log.get("model"));
      assertEquals(id, null, log.get("team"));
      float[] v = VECTORS.get(id);
      double dot = v == null ? 0 : U1[0] * v[0] + U1[1] * v[1];
      NamedList<?> dotPart = (NamedList<?>) log.get("dot");
      assertEquals(id, dot, ((Number) dotPart.get("raw")).doubleValue(), 1e-6);
      assertEquals(
          id, 1.0, ((Number) ((NamedList<?>) log.get("text")).get("raw")).doubleValue(), 0);
    }
    // Interleaving with a user the candidate does not know: the active page, and why.
    SolrQuery other = query("{!personalize user=u9 interleave=candidate}", null);
    NamedList<?> interleave =
        (NamedList<?>) section(cluster.getSolrClient().query("catalog", other)).get("interleave");
    assertEquals("not-personalized", interleave.get("fallback"));
  }

  @Test
  public void functionQueriesGiveTheExactValuesOnEveryShard() throws Exception {
    SolrQuery q = new SolrQuery("*:*");
    q.setFields("id", "d:userdot(u1)", "c:clusterll(u1)");
    q.setRows(10);
    for (SolrDocument doc : cluster.getSolrClient().query("catalog", q).getResults()) {
      String id = (String) doc.getFieldValue("id");
      float[] v = VECTORS.get(id);
      float dot = v == null ? 0 : U1[0] * v[0] + U1[1] * v[1];
      assertEquals(id, dot, (Float) doc.getFieldValue("d"), 0f);
      double ll = v == null ? 0 : clusterll(LOG_DENSITIES.get(id), THETA);
      assertEquals(id, ll, (Float) doc.getFieldValue("c"), 1e-4);
    }
  }

  /** 1 (constant text score) + userdot + 0.5 * (clusterll(theta) - clusterll(pi)), sorted. */
  private static Map<String, Double> expectedScores() {
    List<Map.Entry<String, Double>> scores = new ArrayList<>();
    for (Map.Entry<String, float[]> e : VECTORS.entrySet()) {
      float[] v = e.getValue();
      double dot = U1[0] * v[0] + U1[1] * v[1];
      float[] l = LOG_DENSITIES.get(e.getKey());
      double lift = clusterll(l, THETA) - clusterll(l, new double[] {0.5, 0.5});
      scores.add(Map.entry(e.getKey(), 1 + dot + 0.5 * lift));
    }
    scores.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    Map<String, Double> out = new LinkedHashMap<>();
    scores.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static double clusterll(float[] l, double[] weights) {
    double max = Math.max(l[0], l[1]);
    return max + Math.log(weights[0] * Math.exp(l[0] - max) + weights[1] * Math.exp(l[1] - max));
  }

  private static SolrQuery query(String rq, String fq) {
    SolrQuery q = new SolrQuery("*:*");
    q.setFields("id", "score");
    q.setRows(10);
    if (rq != null) {
      q.set("rq", rq);
    }
    if (fq != null) {
      q.addFilterQuery(fq);
    }
    q.set("sort", "score desc, id asc");
    return q;
  }

  private static Map<String, Double> scores(QueryResponse rsp) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (SolrDocument doc : rsp.getResults()) {
      out.put(
          (String) doc.getFieldValue("id"), ((Number) doc.getFieldValue("score")).doubleValue());
    }
    return out;
  }

  private static void assertScores(
      String node, Map<String, Double> expected, Map<String, Double> actual) {
    assertEquals(node, new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
    expected.forEach((id, score) -> assertEquals(node + " " + id, score, actual.get(id), 1e-5));
  }
}
