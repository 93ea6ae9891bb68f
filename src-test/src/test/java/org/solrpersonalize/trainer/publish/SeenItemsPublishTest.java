package org.solrpersonalize.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.io.file.PathUtils;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.CoreAdminRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.launcher.EmbeddedSolrConfig;
import org.solrpersonalize.solr.TestSolrHomes;
import org.solrpersonalize.synthetic.SyntheticModels;

/**
 * From a model directory's recent items to {@code seen=exclude}: publish stores each user's {@code
 * --seen-max} most recent items in the profile, and the plugin leaves them out of the results; a
 * model without recent items (trained before they existed) publishes and serves with none.
 */
class SeenItemsPublishTest extends StandaloneSolrTest {
  private static final List<String> USERS = SyntheticModels.ids("u", 0, 3);

  /** The catalog solrconfig.xml's default of the users stores a request may name. */
  private static final String USERS_STORES = "${pz.usersStores:users}";

  @BeforeAll
  static void indexProducts() throws Exception {
    CatalogFixtures.resetWithProducts(client, 30);
  }

  private static ModelDirectory.Model model(String id) {
    // u0 saw p5, then p3, then p9 (most recent first); u1 saw nothing; u2 saw p1.
    return SyntheticModels.model(id, SyntheticModels.ids("p", 0, 25), USERS, 4, 3, 7)
        .withRecentItems(new RecentItems(new int[] {0, 3, 3, 4}, new int[] {5, 3, 9, 1}));
  }

  private static void publish(ModelDirectory.Model model, int seenMax) throws Exception {
    publish(model, seenMax, "catalog", "users", PublishListener.NONE);
  }

  private static void publish(
      ModelDirectory.Model model,
      int seenMax,
      String catalog,
      String users,
      PublishListener listener)
      throws Exception {
    new ModelPublisher(
            SolrTarget.standalone(solr.baseUrl(), catalog, users),
            new PublishOptions(
                PublishOptions.DEFAULT_BATCH_SIZE,
                PublishOptions.DEFAULT_THREADS,
                PublishOptions.DEFAULT_LOCK_STALE_AFTER,
                null,
                false,
                PublishOptions.DEFAULT_MIN_COVERAGE,
                seenMax),
            listener)
        .publish(model);
  }

  private static QueryResponse excludeFor(String user) throws Exception {
    return excludeFor(user, "catalog", "users");
  }

  private static QueryResponse excludeFor(String user, String catalog, String users)
      throws Exception {
    SolrQuery q = new SolrQuery("*:*");
    q.set("rq", "{!personalize user=" + user + " seen=exclude}");
    q.set("pz.users", users);
    q.set("fl", "id");
    q.setRows(30);
    return client.query(catalog, q);
  }

  /** The seen items a profile holds: the ids of its binary field, or null without one. */
  private static String seenIds(String users, String profileId) throws Exception {
    byte[] seen = (byte[]) client.getById(users, profileId).getFirstValue(ModelFields.USER_SEEN);
    return seen == null ? null : new String(seen, StandardCharsets.UTF_8);
  }

  private static Object seen(QueryResponse rsp, String entry) {
    NamedList<?> section = (NamedList<?>) rsp.getResponse().get("personalization");
    return ((NamedList<?>) section.get("seen")).get(entry);
  }

  @Test
  void publishStoresTheMostRecentSeenItemsAndTheSearchLeavesThemOut() throws Exception {
    publish(model("m1"), 2);
    assertEquals("p5\np3", seenIds("users", "m1/u0"));
    assertNull(seenIds("users", "m1/u1"));
    assertEquals("p1", seenIds("users", "m1/u2"));
    assertNull(client.getById("users", "m1/u0").getFirstValue(ModelFields.USER_SEEN_STRING));

    QueryResponse rsp = excludeFor("u0");
    assertEquals(28, rsp.getResults().getNumFound());
    List<String> ids = rsp.getResults().stream().map(d -> (String) d.get("id")).toList();
    assertFalse(ids.contains("p5") || ids.contains("p3"), ids.toString());
    assertEquals(2, seen(rsp, "items"));
    assertEquals(2, seen(rsp, "excluded"));

    // A model directory from before recent items: profiles without them, served with none seen.
    publish(model("m2").withRecentItems(null), PublishOptions.DEFAULT_SEEN_MAX);
    assertNull(seenIds("users", "m2/u0"));
    QueryResponse before = excludeFor("u0");
    assertEquals(30, before.getResults().getNumFound());
    assertEquals(0, seen(before, "excluded"));
  }

  @Test
  void seenMaxZeroStoresNone() throws Exception {
    publish(model("m3"), 0);
    assertNull(seenIds("users", "m3/u0"));
  }

  /**
   * A users store created from the users configset before it declared {@link
   * ModelFields#USER_SEEN}: publish writes the same ids into {@link ModelFields#USER_SEEN_STRING}
   * (its sorted docValues string), says so, and the search leaves them out as in a current store.
   */
  @Test
  void aUsersStoreCreatedBeforeTheBinaryFieldGetsTheStringAndServesTheSamePages() throws Exception {
    createCore(
        "catalog_old",
        "catalog",
        "solrconfig.xml",
        config -> {
          assertTrue(config.contains(USERS_STORES), "catalog holds " + USERS_STORES);
          return config.replace(USERS_STORES, "users,users_sorted");
        });
    createCore(
        "users_sorted",
        "users",
        "schema.xml",
        schema -> TestSolrHomes.withoutField(schema, ModelFields.USER_SEEN));
    CatalogFixtures.indexProducts(client, "catalog_old", 30);
    List<String> notices = new ArrayList<>();
    publish(
        model("m4"),
        2,
        "catalog_old",
        "users_sorted",
        new PublishListener() {
          @Override
          public void onNotice(String message) {
            notices.add(message);
          }
        });
    assertEquals(
        List.of(
            "users store 'users_sorted' has no field pz_user_seen: seen items are written to"
                + " pz_user_seen_s, whose read on a profile-cache miss decompresses the lists of 64"
                + " users; add pz_user_seen from configsets/users/conf/schema.xml to its schema to"
                + " read one user's alone"),
        notices);
    SolrDocument u0 = client.getById("users_sorted", "m4/u0");
    assertEquals("p5\np3", u0.getFirstValue(ModelFields.USER_SEEN_STRING));
    assertNull(u0.getFirstValue(ModelFields.USER_SEEN));
    assertEquals(
        "p1", client.getById("users_sorted", "m4/u2").getFirstValue(ModelFields.USER_SEEN_STRING));

    // The same model into a current store, then both searched: the same pages.
    publish(model("m4"), 2, "catalog", "users", PublishListener.NONE);
    for (String user : USERS) {
      QueryResponse current = excludeFor(user, "catalog", "users");
      QueryResponse old = excludeFor(user, "catalog_old", "users_sorted");
      assertEquals(ids(current), ids(old), user);
      assertEquals(current.getResults().getNumFound(), old.getResults().getNumFound(), user);
      assertEquals(seen(current, "excluded"), seen(old, "excluded"), user);
    }
    QueryResponse u0Old = excludeFor("u0", "catalog_old", "users_sorted");
    assertEquals(28, u0Old.getResults().getNumFound());
    assertEquals(2, seen(u0Old, "excluded"));
  }

  private static List<String> ids(QueryResponse rsp) {
    return rsp.getResults().stream().map(d -> (String) d.get("id")).toList();
  }

  /** A core of {@code configset} with its {@code file} (solrconfig.xml or schema.xml) edited. */
  private static void createCore(
      String core, String configset, String file, UnaryOperator<String> edit) throws Exception {
    Path conf = home.resolve("solr").resolve(core).resolve("conf");
    Files.createDirectories(conf);
    PathUtils.copyDirectory(
        EmbeddedSolrConfig.defaultConfigsetsDir().resolve(configset).resolve("conf"), conf);
    Path path = conf.resolve(file);
    Files.writeString(path, edit.apply(Files.readString(path)));
    CoreAdminRequest.createCore(core, conf.getParent().toString(), client);
  }
}
