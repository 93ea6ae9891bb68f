package org.solrpersonalize.solr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.solr.store.UsersStores;

/**
 * Every parameter of the plugin, malformed, empty, huge, NaN or infinite, given twice or in
 * conflict, against a real core: a 400 naming the parameter (exact text where the message is ours)
 * or a 200 where the request is valid, never a 500. {@link RequestAbuseCases} holds the table,
 * shared with the SolrCloud test.
 */
public class RequestAbuseTest extends SolrTestCaseJ4 {
  private static EmbeddedSolrServer catalog;

  @BeforeClass
  public static void beforeClass() throws Exception {
    System.setProperty("pz.mergePolicyFactory", "org.apache.solr.index.NoMergePolicyFactory");
    Path home = createTempDir("solr-home");
    TestSolrHomes.create(home, "catalog", "users");
    // As in the SolrCloud test, which has a second store for its republish case.
    System.setProperty("pz.usersStores", "users,users_republish");
    initCore("solrconfig.xml", "schema.xml", home.toString(), "catalog");
    h.getCoreContainer().create("users", home.resolve("users"), Map.of(), false);
    catalog = new EmbeddedSolrServer(h.getCoreContainer(), "catalog");
    try (EmbeddedSolrServer users = new EmbeddedSolrServer(h.getCoreContainer(), "users")) {
      users.add(UsersStoreFixture.documents("m0"));
      users.commit();
    }
    // Three segments of ten products; p1..p29 have factors of m1.
    for (int segment = 0; segment < 3; segment++) {
      List<SolrInputDocument> docs = new ArrayList<>();
      for (int i = segment * 10; i < segment * 10 + 10; i++) {
        docs.add(RequestAbuseCases.product(i));
      }
      catalog.add(docs);
      catalog.commit();
    }
  }

  /** Code and message of the request, 200 and "" when it answers. */
  private static String[] send(ModifiableSolrParams params) {
    try {
      QueryResponse rsp = catalog.query(params);
      return new String[] {
        "200",
        rsp.getResponse().get("personalization") == null
            ? ""
            : String.valueOf(rsp.getResponse().get("personalization"))
      };
    } catch (SolrException e) {
      return new String[] {Integer.toString(e.code()), e.getMessage()};
    } catch (Exception e) {
      return new String[] {"exception", e.toString()};
    }
  }

  @Test
  public void everyCaseAnswers400NamingTheParameterOr200NeverA500() {
    List<String> failures = RequestAbuseCases.check(RequestAbuseTest::send);
    assertEquals(String.join("\n", failures), List.of(), failures);
  }

  @Test
  public void multiThreadedSearchGivesTheSinglyThreadedPages() throws Exception {
    for (String norm : List.of("none", "minmax")) {
      String rq = "{!personalize user=u1 reRankDocs=15 norm=" + norm + "}";
      for (int start = 0; start < 30; start += 10) {
        ModifiableSolrParams page = RequestAbuseCases.page(rq, start);
        ModifiableSolrParams threaded = new ModifiableSolrParams(page);
        threaded.set("multiThreaded", "true");
        assertEquals(
            norm + " page from " + start,
            RequestAbuseCases.ids(catalog.query(page)),
            RequestAbuseCases.ids(catalog.query(threaded)));
      }
    }
  }

  @Test
  public void noStoreIsKeptForTheNamesRequestsSend() throws Exception {
    catalog.query(RequestAbuseCases.params("q", "shoe", "rq", "{!personalize user=u1}"));
    int stores = UsersStores.count(h.getCoreContainer());
    for (int i = 0; i < 300; i++) {
      String[] answer =
          send(
              RequestAbuseCases.params(
                  "q", "shoe", "rq", "{!personalize user=u1}", "pz.users", "users_" + i));
      assertEquals("400", answer[0]);
    }
    assertEquals(
        "no store for a name that is not configured",
        stores,
        UsersStores.count(h.getCoreContainer()));
  }
}
