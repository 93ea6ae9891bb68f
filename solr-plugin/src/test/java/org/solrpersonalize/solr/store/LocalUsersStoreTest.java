package org.solrpersonalize.solr.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.io.file.PathUtils;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.schema.IndexSchema;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.format.MalformedUsersStoreDocumentException;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.solr.UsersStoreFixture;

/**
 * The standalone users store over real cores: documents found by the schema's unique key (here
 * {@code key}, not {@code id}), decoded by the codec, and damaged documents reported by name.
 */
public class LocalUsersStoreTest extends SolrTestCaseJ4 {
  private static final float LOG_HALF = (float) Math.log(0.5);

  @BeforeClass
  public static void beforeClass() throws Exception {
    Path home = createTempDir("solr-home");
    Path configsets = Path.of(System.getProperty("configsets.dir"));
    for (String core : List.of("users", "users_damaged", "users_candidate", "users_stale")) {
      Path conf = home.resolve(core).resolve("conf");
      Files.createDirectories(conf);
      PathUtils.copyDirectory(configsets.resolve("users").resolve("conf"), conf);
      Path schema = conf.resolve("schema.xml");
      String withKey =
          Files.readString(schema)
              .replace("<uniqueKey>id</uniqueKey>", "<uniqueKey>key</uniqueKey>")
              .replace("<field name=\"id\" ", "<field name=\"key\" ");
      assertTrue(withKey.contains("<uniqueKey>key</uniqueKey>"));
      Files.writeString(schema, withKey);
    }
    Files.writeString(home.resolve("solr.xml"), "<solr></solr>");
    initCore("solrconfig.xml", "schema.xml", home.toString(), "users");
    h.getCoreContainer().create("users_damaged", home.resolve("users_damaged"), Map.of(), false);
    try (EmbeddedSolrServer users = new EmbeddedSolrServer(h.getCoreContainer(), "users")) {
      users.add(UsersStoreFixture.documents("m0", "key"));
      // u2's vector has three values, the model's k is two.
      users.add(
          UsersStoreFixture.profile(
              "m1", "u2", new float[] {1, 2, 3}, new float[] {-1, -1}, "key"));
      users.commit();
    }
    // The pointer names candidate m2 in slot b; in users_stale m2's document still says slot a.
    for (String core : List.of("users_candidate", "users_stale")) {
      h.getCoreContainer().create(core, home.resolve(core), Map.of(), false);
      try (EmbeddedSolrServer users = new EmbeddedSolrServer(h.getCoreContainer(), core)) {
        users.add(UsersStoreFixture.documents("m0", "key"));
        users.add(
            List.of(
                UsersStoreFixture.candidateModel(
                    "m2", core.equals("users_stale") ? "a" : "b", "key"),
                UsersStoreFixture.profile("m2", "u1", new float[] {3, 4}, new float[0], "key"),
                UsersStoreFixture.document(
                    new UsersStoreDocuments.Profile(
                            "m2", "u5", new float[] {1, 2}, new float[0], List.of("p7", "p3"))
                        .toFields("key")),
                UsersStoreFixture.pointerWithCandidate("m2", "b", "key")));
        users.commit();
      }
    }
    try (EmbeddedSolrServer damaged =
        new EmbeddedSolrServer(h.getCoreContainer(), "users_damaged")) {
      damaged.add(UsersStoreFixture.documents("m0", "key"));
      damaged.add(
          new SolrInputDocument(
              "key", "_pz_active_", "pz_type", "active", "pz_model", "m1")); // no slot
      damaged.commit();
    }
  }

  @AfterClass
  public static void afterClass() {
    deleteCore();
  }

  @Test
  public void theCandidateIsThePointersWhileItsDocumentNamesTheSameSlot() {
    assertEquals(Optional.empty(), store("users").candidateModel());
    LocalUsersStore store = store("users_candidate");
    ModelConstants candidate = store.candidateModel().orElseThrow();
    assertEquals("m2", candidate.modelId());
    assertEquals("b", candidate.slot());
    assertEquals("m1", store.activeModel().orElseThrow().modelId());
    assertArrayEquals(new float[] {3, 4}, store.user("m2", "u1").orElseThrow().vector(), 0f);
    // A model document not yet rewritten for the pointer's slot is no candidate yet.
    assertEquals(Optional.empty(), store("users_stale").candidateModel());
  }

  private static LocalUsersStore store(String core) {
    return new LocalUsersStore(h.getCoreContainer(), core, 100);
  }

  /** A lookup for factors leaves the seen items unread; one entry per profile gains them later. */
  @Test
  public void readsSeenItemsOnlyWhenAskedFor() {
    // A cache that holds a profile with its seen items (store()'s evicts it at once).
    LocalUsersStore store = new LocalUsersStore(h.getCoreContainer(), "users_candidate", 1 << 20);
    UserProfile factors = store.userFactors("m2", "u5", LookupDeadline.NONE).orElseThrow();
    assertArrayEquals(new float[] {1, 2}, factors.vector(), 0f);
    assertNull(factors.seenItems());
    assertEquals(List.of("p7", "p3"), store.user("m2", "u5").orElseThrow().seenItems());
    assertEquals(
        List.of("p7", "p3"),
        store.userFactors("m2", "u5", LookupDeadline.NONE).orElseThrow().seenItems());
    assertEquals(1, store.profileLookups().missCount());
    assertEquals(2, store.profileLookups().hitCount());
  }

  @Test
  public void readsTheActiveModelAndProfilesByTheSchemasUniqueKey() {
    LocalUsersStore store = store("users");
    ModelConstants model = store.activeModel().orElseThrow();
    assertEquals("m1", model.modelId());
    assertEquals("a", model.slot());
    assertEquals(2, model.factors());
    assertEquals(2, model.clusters());
    assertArrayEquals(new float[] {LOG_HALF, LOG_HALF}, model.logWeights(), 0f);
    assertArrayEquals(new double[] {3, 0.5, 0.5, 2.25}, model.gram(), 0);
    assertEquals(0.1, model.regularization(), 0);
    assertEquals(10.0, model.alpha(), 0);

    UserProfile u1 = store.user("m1", "u1").orElseThrow();
    assertEquals("u1", u1.userId());
    assertEquals("m1", u1.modelId());
    assertArrayEquals(new float[] {2, 1}, u1.vector(), 0f);
    assertArrayEquals(
        new float[] {(float) Math.log(0.25), (float) Math.log(0.75)}, u1.logAffinity(), 0f);

    assertEquals(Optional.empty(), store.user("m1", "u9"));
    assertEquals(Optional.of("m0"), store.otherModelOf("u9", "m1"));
    assertEquals(Optional.empty(), store.model("m7"));
    assertEquals(Optional.empty(), store.user("m7", "u1"));
  }

  @Test
  public void theUsersSchemaDefinesEveryFieldTheCodecAndTheLockWrite() {
    List<SolrInputDocument> fixture = UsersStoreFixture.documents("m0", "key");
    List<String> written =
        new java.util.ArrayList<>(
            List.of(ModelFields.MODEL_CREATED, ModelFields.LOCK_OWNER, ModelFields.LOCK_HEARTBEAT));
    fixture.forEach(doc -> written.addAll(doc.getFieldNames()));
    IndexSchema schema = h.getCore().getLatestSchema();
    for (String field : written) {
      assertNotNull(field, schema.getFieldOrNull(field));
    }
    assertEquals(17, new java.util.HashSet<>(written).size());
  }

  @Test
  public void aProfileOfTheWrongLengthIsNamed() {
    MalformedUsersStoreDocumentException e =
        expectThrows(
            MalformedUsersStoreDocumentException.class, () -> store("users").user("m1", "u2"));
    assertEquals(
        "users store document 'm1/u2', field pz_user_vec: has 12 bytes, the model has k = 2"
            + " (8 bytes)",
        e.getMessage());
  }

  @Test
  public void aDamagedPointerIsNamedAndAPinnedModelStillReads() {
    LocalUsersStore store = store("users_damaged");
    MalformedUsersStoreDocumentException e =
        expectThrows(MalformedUsersStoreDocumentException.class, store::activeModel);
    assertEquals("users store document '_pz_active_', field pz_slot: missing", e.getMessage());
    assertEquals("m1", store.model("m1").orElseThrow().modelId());
    assertArrayEquals(new float[] {2, 1}, store.user("m1", "u1").orElseThrow().vector(), 0f);
  }

  @Test
  public void theCachesStayWithinTheirBytesHoweverManyIdsAreLookedUp() {
    LocalUsersStore store = new LocalUsersStore(h.getCoreContainer(), "users", 64 * 1024);
    for (int i = 0; i < 2000; i++) {
      String id = String.format(java.util.Locale.ROOT, "%04d", i) + "x".repeat(996);
      assertEquals(Optional.empty(), store.user("m1", id));
      assertEquals(Optional.empty(), store.otherModelOf(id, "m1"));
    }
    // An unknown user's entry weighs 96 + 2 * 1003 (key "m1/" or "m1\0" + 1,000 characters):
    // 31 of them fit in 64 KiB, in each of the two caches.
    assertEquals(2 * 31 * (96 + 2 * 1003), store.cachedBytes());
  }
}
