package org.solrpersonalize.solr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.util.NamedList;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.solr.cache.UniqueKeyDocs;

/**
 * {@code seen=exclude|demote} in a real Solr core of three segments. Products p1..p10 have the
 * factors (i, 0) under model m1, so with {@code textWeight=0 clusterWeight=0 norm=none} a user of
 * vector (2, 1) ranks them p10, p9, ..., p1. User u_seen has seen p3, p7, p99 (not in the catalog)
 * and p10; u_seen_s has seen the same, in the string field of profiles written before the binary
 * one; u1's profile was published before seen items existed (no seen field).
 */
public class SeenItemsPluginTest extends SolrTestCaseJ4 {
  private static final String DOT_ONLY = SeenItemsFixture.DOT_ONLY;

  private static EmbeddedSolrServer catalog;

  @BeforeClass
  public static void beforeClass() throws Exception {
    System.setProperty("pz.mergePolicyFactory", "org.apache.solr.index.NoMergePolicyFactory");
    Path home =
        TestSolrHomes.create(
            createTempDir("solr-home"), "catalog", "users", "users_sorted", "users_old");
    // A users store created before the schema declared the binary seen field: its seen items are
    // the sorted docValues string pz_user_seen_s.
    String sorted = TestSolrHomes.withoutField(home, "users_sorted", "pz_user_seen");
    // One created before the schema declared either: a dynamic *_s string there (indexed and
    // stored, no docValues).
    Files.writeString(
        home.resolve("users_old").resolve("conf").resolve("schema.xml"),
        TestSolrHomes.withoutField(sorted, "pz_user_seen_s"));
    System.setProperty("pz.usersStores", "users,users_sorted,users_old");
    initCore("solrconfig.xml", "schema.xml", home.toString(), "catalog");
    for (String core : List.of("users", "users_sorted", "users_old")) {
      h.getCoreContainer().create(core, home.resolve(core), Map.of(), false);
    }
    catalog = new EmbeddedSolrServer(h.getCoreContainer(), "catalog");

    // Three segments: NoMergePolicy keeps them apart.
    for (int[] segment : new int[][] {{1, 2, 3, 4}, {5, 6, 7}, {8, 9, 10}}) {
      for (int i : segment) {
        catalog.add(SeenItemsFixture.product(i));
      }
      catalog.commit();
    }
    for (String core : List.of("users", "users_sorted", "users_old")) {
      try (EmbeddedSolrServer users = new EmbeddedSolrServer(h.getCoreContainer(), core)) {
        // As the publisher writes them: the binary field where the schema declares it.
        users.add(
            SeenItemsFixture.users(
                core.equals("users")
                    ? UsersStoreDocuments.SeenField.BINARY
                    : UsersStoreDocuments.SeenField.STRING));
        if (core.equals("users")) {
          // In the same segment, a profile an older trainer wrote: the string field.
          users.add(SeenItemsFixture.seenProfile("u_seen_s", UsersStoreDocuments.SeenField.STRING));
        }
        users.commit();
      }
    }
  }

  @AfterClass
  public static void afterClass() {
    catalog = null;
  }

  private static QueryResponse query(String rq, String... params) throws Exception {
    SolrQuery q = new SolrQuery("shoe");
    q.set("rq", rq);
    q.set("fl", "id");
    q.set("rows", 10);
    for (int i = 0; i < params.length; i += 2) {
      q.set(params[i], params[i + 1]);
    }
    return catalog.query(q);
  }

  /**
   * What each request must give, a case per two lines: what it shows, then {@code local parameters
   * of personalize (DOT_ONLY added) | another request parameter or - | numFound | the page's ids |
   * entries of the seen section}.
   */
  private static final String CASES =
      """
      exclude counts only the seen items the filters let through
        user=u_seen seen=exclude | fq=id:(p1 p2 p3) | 2 | p2 p1 | excluded=1
      demote moves the seen items behind the unseen, keeping each group's order
        user=u_seen seen=demote | - | 10 | p9 p8 p6 p5 p4 p2 p1 p10 p7 p3 | mode=demote items=4 demoted=3
      demote acts inside the window only: the text order's first five (equal text scores), p1..p5
        user=u_seen seen=demote reRankDocs=5 | - | 10 | p5 p4 p2 p1 p3 p6 p7 p8 p9 p10 | demoted=1
      a profile published before seen items serves with none seen
        user=u1 seen=exclude | - | 10 | p10 p9 p8 p7 p6 p5 p4 p3 p2 p1 | items=0 excluded=0
      a profile without the binary field reads the seen items from the sorted string
        user=u_seen_s seen=exclude | - | 7 | p9 p8 p6 p5 p4 p2 p1 | excluded=3
      a users store created before the binary field reads the seen items from the sorted string
        user=u_seen seen=exclude | pz.users=users_sorted | 7 | p9 p8 p6 p5 p4 p2 p1 | excluded=3
      a users store created before either field reads the seen items from its dynamic field
        user=u_seen seen=exclude | pz.users=users_old | 7 | p9 p8 p6 p5 p4 p2 p1 | excluded=3
      """;

  @Test
  public void eachCaseGivesItsExactPageNumFoundAndSeenSection() throws Exception {
    List<String> lines = CASES.lines().toList();
    assertEquals(14, lines.size());
    for (int c = 0; c < lines.size(); c += 2) {
      String what = lines.get(c);
      String[] row = lines.get(c + 1).trim().split(" \\| ");
      String rq = "{!personalize " + row[0] + " " + DOT_ONLY + "}";
      QueryResponse rsp = row[1].equals("-") ? query(rq) : query(rq, row[1].split("=", 2));
      assertEquals(what, List.of(row[3].split(" ")), SeenItemsFixture.ids(rsp));
      assertEquals(what, Long.parseLong(row[2]), rsp.getResults().getNumFound());
      NamedList<?> seen = SeenItemsFixture.seenSection(rsp);
      for (String entry : row[4].split(" ")) {
        String[] nameValue = entry.split("=");
        // Counts are Integers in the response, the mode a String.
        Object expected =
            nameValue[1].matches("\\d+") ? (Object) Integer.valueOf(nameValue[1]) : nameValue[1];
        assertEquals(what + ": " + nameValue[0], expected, seen.get(nameValue[0]));
      }
    }
  }

  @Test
  public void excludeNeverReturnsASeenItemOnAnyPageAndNumFoundDropsByTheMatchedSeenItems()
      throws Exception {
    List<String> all = new ArrayList<>();
    for (int start = 0; start < 12; start += 3) {
      QueryResponse page =
          query(
              "{!personalize user=u_seen seen=exclude " + DOT_ONLY + "}",
              "start",
              Integer.toString(start),
              "rows",
              "3");
      assertEquals(7, page.getResults().getNumFound());
      all.addAll(SeenItemsFixture.ids(page));
      NamedList<?> seen = SeenItemsFixture.seenSection(page);
      assertEquals("exclude", seen.get("mode"));
      assertEquals(4, seen.get("items"));
      // p3, p7 and p10 match; p99 is not in the catalog.
      assertEquals(3, seen.get("excluded"));
    }
    assertEquals(List.of("p9", "p8", "p6", "p5", "p4", "p2", "p1"), all);
    assertEquals(
        10, query("{!personalize user=u_seen " + DOT_ONLY + "}").getResults().getNumFound());
  }

  /**
   * p10 rewritten (as a publish rewrites products): deleted in the third segment, live in a fourth
   * at the end of the doc ids, so the text order stays; the new searcher's unique key table finds
   * it there, and the pages are those of before.
   */
  @Test
  public void aSeenItemRewrittenIntoANewSegmentIsFoundByTheNewSearchersTable() throws Exception {
    catalog.add(SeenItemsFixture.product(10));
    catalog.commit();
    h.getCore()
        .withSearcher(
            searcher -> {
              UniqueKeyDocs table = UniqueKeyDocs.of(searcher.getIndexReader(), "id");
              assertNotNull("the listener built the new searcher's table", table);
              assertEquals(4, searcher.getIndexReader().leaves().size());
              assertEquals(
                  searcher.getFirstMatch(new Term("id", "p10")), table.doc(new BytesRef("p10")));
              return null;
            });
    QueryResponse excluded = query("{!personalize user=u_seen seen=exclude " + DOT_ONLY + "}");
    assertEquals(List.of("p9", "p8", "p6", "p5", "p4", "p2", "p1"), SeenItemsFixture.ids(excluded));
    assertEquals(7, excluded.getResults().getNumFound());
    assertEquals(3, SeenItemsFixture.seenSection(excluded).get("excluded"));
    QueryResponse demoted = query("{!personalize user=u_seen seen=demote " + DOT_ONLY + "}");
    assertEquals(
        List.of("p9", "p8", "p6", "p5", "p4", "p2", "p1", "p10", "p7", "p3"),
        SeenItemsFixture.ids(demoted));
  }

  @Test
  public void anItemsSessionsItemsCountAsSeen() throws Exception {
    QueryResponse excluded = query("{!personalize items=p2,p4,p99 seen=exclude " + DOT_ONLY + "}");
    assertEquals(
        List.of("p1", "p10", "p3", "p5", "p6", "p7", "p8", "p9"),
        SeenItemsFixture.ids(excluded).stream().sorted().toList());
    assertEquals(8, excluded.getResults().getNumFound());
    assertEquals(3, SeenItemsFixture.seenSection(excluded).get("items"));
    assertEquals(2, SeenItemsFixture.seenSection(excluded).get("excluded"));

    QueryResponse demoted = query("{!personalize items=p9,p2 seen=demote " + DOT_ONLY + "}");
    List<String> page = SeenItemsFixture.ids(demoted);
    assertEquals(List.of("p9", "p2"), page.subList(8, 10));
    assertEquals(2, SeenItemsFixture.seenSection(demoted).get("demoted"));
  }

  @Test
  public void keepIsTheDefaultAndHasNoSeenEntry() throws Exception {
    QueryResponse rsp = query("{!personalize user=u_seen seen=keep " + DOT_ONLY + "}");
    assertEquals(
        List.of("p10", "p9", "p8", "p7", "p6", "p5", "p4", "p3", "p2", "p1"),
        SeenItemsFixture.ids(rsp));
    assertNull(SeenItemsFixture.seenSection(rsp));
  }

  @Test
  public void anUnknownUserHasNothingToExclude() throws Exception {
    QueryResponse rsp = query("{!personalize user=nobody seen=exclude}");
    assertEquals(10, rsp.getResults().getNumFound());
    assertEquals(0, SeenItemsFixture.seenSection(rsp).get("items"));
  }
}
