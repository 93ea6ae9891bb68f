package org.solrpersonalize.solr.search;

import static org.solrpersonalize.solr.Pages.ids;
import static org.solrpersonalize.solr.Pages.section;

import java.nio.file.Path;
import java.util.Map;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.NamedList;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.solr.Pages;
import org.solrpersonalize.solr.TestSolrHomes;
import org.solrpersonalize.solr.TinyCatalog;
import org.solrpersonalize.solr.UsersStoreFixture;

/**
 * A users store holding documents that do not read (damaged, or written by something else):
 * personalization fails open, with the text order and a fallback in the response ({@code
 * damaged-profile} for a profile, {@code users-store-unavailable} for the model document), never an
 * HTTP 500.
 */
public class UnreadableUsersStoreTest extends SolrTestCaseJ4 {
  private static EmbeddedSolrServer catalog;

  @BeforeClass
  public static void beforeClass() throws Exception {
    Path home = createTempDir("solr-home");
    TestSolrHomes.create(home, "catalog", "users", "users_bad_model");
    System.setProperty("pz.usersStores", "users,users_bad_model");
    initCore("solrconfig.xml", "schema.xml", home.toString(), "catalog");
    h.getCoreContainer().create("users", home.resolve("users"), Map.of(), false);
    h.getCoreContainer()
        .create("users_bad_model", home.resolve("users_bad_model"), Map.of(), false);
    catalog = new EmbeddedSolrServer(h.getCoreContainer(), "catalog");
    TinyCatalog.index(catalog);

    try (EmbeddedSolrServer users = new EmbeddedSolrServer(h.getCoreContainer(), "users")) {
      users.add(UsersStoreFixture.documents("m0"));
      // u2's vector has three values, the model's k is two.
      users.add(
          UsersStoreFixture.profile("m1", "u2", new float[] {1, 2, 3}, new float[] {-1, -1}, "id"));
      users.commit();
    }
    try (EmbeddedSolrServer users =
        new EmbeddedSolrServer(h.getCoreContainer(), "users_bad_model")) {
      users.add(UsersStoreFixture.documents("m0"));
      SolrInputDocument model = UsersStoreFixture.documents("m0").get(0);
      model.setField(ModelFields.FOLD_IN_GRAM, VectorCodec.encode(new float[] {1, 2, 3}));
      users.add(model);
      users.commit();
    }
  }

  @AfterClass
  public static void afterClass() throws Exception {
    catalog.close();
    catalog = null;
  }

  private static QueryResponse query(String... params) throws Exception {
    return Pages.query(catalog, params);
  }

  @Test
  public void anUnreadableProfileKeepsTheTextOrderAndSaysSo() throws Exception {
    QueryResponse rsp =
        Pages.keepsTextOrder(catalog, "rq", "{!personalize user=u2}", "fl", "id,d:userdot(u2)");
    NamedList<?> section = section(rsp);
    assertEquals("m1", section.get("model"));
    assertEquals("none", section.get("source"));
    assertEquals(Boolean.TRUE, section.get("userFound"));
    assertEquals("damaged-profile", section.get("fallback"));
    for (SolrDocument doc : rsp.getResults()) {
      assertEquals(doc.toString(), 0f, (Float) doc.getFieldValue("d"), 0f);
    }
    assertNotEquals(
        "a readable profile still reranks",
        ids(query("q", "shoe")),
        ids(query("q", "shoe", "rq", "{!personalize user=u1 clusterWeight=0}")));
  }

  @Test
  public void anUnreadableModelDocumentKeepsTheTextOrderAndSaysSo() throws Exception {
    NamedList<?> section =
        section(
            Pages.keepsTextOrder(
                catalog, "rq", "{!personalize user=u1}", "pz.users", "users_bad_model"));
    assertNull(section.get("model"));
    assertEquals("users-store-unavailable", section.get("fallback"));
  }
}
