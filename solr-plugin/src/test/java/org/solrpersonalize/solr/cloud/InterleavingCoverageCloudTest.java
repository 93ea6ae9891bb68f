package org.solrpersonalize.solr.cloud;

import static org.solrpersonalize.solr.Pages.ids;
import static org.solrpersonalize.solr.Pages.section;

import java.util.List;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.solr.InterleavingCatalog;
import org.solrpersonalize.solr.UsersStoreFixture;

/**
 * {@code interleave=candidate} for users only one model knows, on a catalog of 2 shards: the
 * coordinator interleaves the global text order of the model without a profile with the other's
 * global ranking, and every node gives the page one core gives ({@link InterleavingCatalog}, as in
 * InterleavingTest; the text order p1..p5 of two shards is merged by id).
 */
public class InterleavingCoverageCloudTest extends CatalogAndUsersCloud {
  @BeforeClass
  public static void startCluster() throws Exception {
    configureCatalogAndUsers(2);
    createCatalogAndUsers(2, 1, 1);
    SolrClient client = cluster.getSolrClient();
    client.add("catalog", InterleavingCatalog.products());
    client.commit("catalog");
    client.add(
        "users",
        List.of(
            UsersStoreFixture.candidateModel("m1", "a", "id"),
            UsersStoreFixture.candidateModel("m2", "b", "id"),
            UsersStoreFixture.pointerWithCandidate("m2", "b", "id"),
            // u4: a new user of the candidate; u5 = (-1, 0): a user the candidate dropped.
            UsersStoreFixture.profile("m2", "u4", new float[] {0, 1}, new float[0], "id"),
            UsersStoreFixture.profile("m1", "u5", new float[] {-1, 0}, new float[0], "id")));
    client.commit("users");
  }

  @Test
  public void everyNodeInterleavesANewUserOfTheCandidateAsOneCoreWould() throws Exception {
    assertPages(InterleavingCatalog.NEW_USER_OF_CANDIDATE);
  }

  @Test
  public void everyNodeInterleavesAUserTheCandidateDroppedAsOneCoreWould() throws Exception {
    assertPages(InterleavingCatalog.DROPPED_BY_CANDIDATE);
  }

  /** Pages of 5 and of 3 rows from every node: the first rows of the expected interleaving. */
  private static void assertPages(InterleavingCatalog.Page expected) throws Exception {
    List<String> ids = expected.ids();
    List<String> teams = expected.teams();
    List<Float> scores = expected.scores();
    String noProfile = expected.noProfile();
    for (int rows : new int[] {5, 3}) {
      for (JettySolrRunner node : cluster.getJettySolrRunners()) {
        try (SolrClient client =
            new Http2SolrClient.Builder(node.getBaseUrl().toString()).build()) {
          SolrQuery q = new SolrQuery("*:*");
          q.set("defType", "lucene");
          q.set(
              "rq",
              "{!personalize user="
                  + expected.user()
                  + " interleave=candidate textWeight=0 norm=none}");
          q.setFields("id", "score", "[personalize]");
          q.setRows(rows);
          QueryResponse rsp = client.query("catalog", q);
          String where = node.getNodeName() + " rows=" + rows;
          assertEquals(where, ids.subList(0, rows), ids(rsp));
          int activeTeam = 0;
          for (int i = 0; i < rows; i++) {
            SolrDocument doc = rsp.getResults().get(i);
            NamedList<?> log = (NamedList<?>) doc.getFieldValue("[personalize]");
            assertEquals(where, teams.get(i), log.get("team"));
            assertEquals(where, scores.get(i), (Float) doc.getFieldValue("score"), 0f);
            activeTeam += "active".equals(teams.get(i)) ? 1 : 0;
            if (noProfile.equals(teams.get(i))) {
              assertEquals(where, expected.reason(), log.get("fallback"));
              assertEquals(where, 2, log.size());
            } else {
              assertEquals(where, "active".equals(teams.get(i)) ? "m1" : "m2", log.get("model"));
              assertEquals(where, scores.get(i), (Float) log.get("score"), 0f);
            }
          }
          NamedList<?> interleave = (NamedList<?>) section(rsp).get("interleave");
          assertEquals(where, "m1", interleave.get("active"));
          assertEquals(where, "m2", interleave.get("candidate"));
          assertEquals(where, noProfile, interleave.get("noProfile"));
          NamedList<?> counts = (NamedList<?>) interleave.get("teams");
          assertEquals(where, activeTeam, counts.get("active"));
          assertEquals(where, rows - activeTeam, counts.get("candidate"));
        }
      }
    }
  }
}
