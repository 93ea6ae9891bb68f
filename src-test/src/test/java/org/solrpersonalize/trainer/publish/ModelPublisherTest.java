package org.solrpersonalize.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.io.file.PathUtils;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.request.CoreAdminRequest;
import org.apache.solr.client.solrj.request.LukeRequest;
import org.apache.solr.client.solrj.response.LukeResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.launcher.EmbeddedSolrConfig;
import org.solrpersonalize.launcher.TwoCoreSolr;
import org.solrpersonalize.synthetic.SyntheticModels;

/** Publishing into a real standalone Solr over HTTP: slots, switch, reclaim, refusals, kill. */
class ModelPublisherTest {
  private static final List<String> USERS = SyntheticModels.ids("u", 0, 10);
  private static final List<String> ITEMS_25_PLUS_2_UNKNOWN =
      new ArrayList<>(SyntheticModels.ids("p", 0, 25));

  static {
    ITEMS_25_PLUS_2_UNKNOWN.addAll(List.of("x1", "x2"));
  }

  @TempDir static Path home;
  static TwoCoreSolr solr;
  static SolrClient client;
  @TempDir Path work;

  @BeforeAll
  static void startSolr() throws Exception {
    solr = TwoCoreSolr.start(home.resolve("solr"));
    client = solr.client();
  }

  @AfterAll
  static void stopSolr() throws Exception {
    client.close();
    solr.close();
  }

  @BeforeEach
  void freshCatalog() throws Exception {
    CatalogFixtures.resetWithProducts(client, 30);
  }

  private ModelPublisher publisher() {
    return publisher(PublishOptions.defaults());
  }

  private ModelPublisher publisher(PublishOptions options) {
    return new ModelPublisher(
        SolrTarget.standalone(solr.baseUrl(), "catalog", "users"), options, PublishListener.NONE);
  }

  private static ModelDirectory.Model model(String id, List<String> items, int k) {
    return SyntheticModels.model(id, items, USERS, k, 3, id.hashCode());
  }

  @Test
  void firstPublishWritesItemFieldsAndProfilesThenSwitches() throws Exception {
    var before = CatalogFixtures.catalogFields(client, "catalog");
    ModelDirectory.Model m1 = model("m1", ITEMS_25_PLUS_2_UNKNOWN, 8);
    Path missing = work.resolve("missing.txt");
    PublishOptions options = new PublishOptions(7, 2, Duration.ofSeconds(60), missing, false);

    PublishReport report = publisher(options).publish(m1);

    assertEquals("a", report.slot());
    assertNull(report.previousModelId());
    assertEquals(25, report.itemsWritten());
    assertEquals(0, report.itemsAlreadyWritten());
    assertEquals(2, report.itemsMissingFromCatalog());
    assertEquals(5, report.catalogDocsWithoutFactors());
    assertEquals(10, report.usersWritten());
    assertEquals(List.of("x1", "x2"), Files.readAllLines(missing));

    SolrDocument pointer = client.getById("users", ModelFields.ACTIVE_DOC_ID);
    assertEquals("m1", pointer.getFirstValue(ModelFields.MODEL));
    assertEquals("a", pointer.getFirstValue(ModelFields.SLOT));
    assertItemFields(m1, "a", 3);
    assertItemFields(m1, "a", 24);
    assertNull(client.getById("catalog", "p27").getFirstValue("pz_model_a"));
    assertNull(client.getById("catalog", "x1"), "publish must never create catalog documents");

    SolrDocument user = client.getById("users", "m1/u4");
    assertArrayEquals(
        Arrays.copyOfRange(m1.userFactors(), 4 * 8, 5 * 8),
        decode(user.getFirstValue(ModelFields.USER_VECTOR)));
    assertArrayEquals(
        Arrays.copyOfRange(m1.userLogAffinity(), 4 * 3, 5 * 3),
        decode(user.getFirstValue(ModelFields.USER_LOG_AFFINITY)));
    SolrDocument modelDoc = client.getById("users", ModelFields.modelDocId("m1"));
    UsersStoreDocuments.PublishedModel constants =
        UsersStoreDocuments.PublishedModel.read("m1", modelDoc::getFirstValue);
    assertEquals("a", constants.slot());
    assertEquals(8, constants.factors());
    assertEquals(3, constants.clusters());
    assertArrayEquals(m1.gmmLogWeights(), constants.logWeights());
    assertEquals(new ModelManifest.FoldIn(0.1, 10.0), constants.foldIn());
    assertEquals("2026-11-23T10:00:00Z", constants.created());
    assertNull(client.getById("users", ModelFields.LOCK_DOC_ID), "lock released");

    assertEquals(
        before,
        CatalogFixtures.catalogFields(client, "catalog"),
        "every stored catalog field is unchanged by publish");
    LukeResponse index = new LukeRequest().process(client, "catalog");
    assertEquals(
        30,
        index.getMaxDoc(),
        "publish rewrites the slot fields in place: no catalog document was deleted and re-added");
  }

  @Test
  void retrainingAlternatesSlotsAndReclaimsTheOldestModel() throws Exception {
    ModelDirectory.Model m1 = model("m1", ITEMS_25_PLUS_2_UNKNOWN, 8);
    ModelDirectory.Model m2 = model("m2", SyntheticModels.ids("p", 0, 20), 8);
    ModelDirectory.Model m3 = model("m3", SyntheticModels.ids("p", 0, 10), 8);
    publisher().publish(m1);

    PublishReport second = publisher().publish(m2);
    assertEquals("b", second.slot());
    assertEquals("m1", second.previousModelId());
    assertItemFields(m2, "b", 7);
    assertItemFields(m1, "a", 7); // the previous model stays whole until the next publish

    PublishReport third = publisher().publish(m3);
    assertEquals("a", third.slot());
    assertEquals(15, third.staleSlotDocsCleared(), "p10..p24 held m1 in slot a, m3 lacks them");
    assertItemFields(m3, "a", 9);
    assertNull(client.getById("catalog", "p12").getFirstValue("pz_item_a"));
    assertItemFields(m2, "b", 12);
    UsersStoreWriter users = new UsersStoreWriter(client, "users", "id");
    assertEquals(0, users.userCount("m1"), "m1's profiles were reclaimed");
    assertNull(client.getById("users", ModelFields.modelDocId("m1")));
    assertEquals(10, users.userCount("m2"));
    assertEquals(10, users.userCount("m3"));
    assertEquals(
        "m3", client.getById("users", ModelFields.ACTIVE_DOC_ID).getFirstValue("pz_model"));
  }

  @Test
  void publishingTheActiveModelAgainChangesNothing() throws Exception {
    ModelDirectory.Model m1 = model("m1", ITEMS_25_PLUS_2_UNKNOWN, 8);
    publisher().publish(m1);
    PublishReport again = publisher().publish(m1);
    assertTrue(again.alreadyActive());
    assertEquals("model m1 is already active (slot a): nothing to do", again.summary());
  }

  @Test
  void aModelWithOtherDimensionsIsRefusedBeforeAnythingIsWritten() throws Exception {
    publisher().publish(model("m1", ITEMS_25_PLUS_2_UNKNOWN, 8));
    PublishRefusedException e =
        assertThrows(
            PublishRefusedException.class,
            () -> publisher().publish(model("m2", ITEMS_25_PLUS_2_UNKNOWN, 16)));
    assertEquals(
        "model m2 has 16 factors and 3 clusters but the active model m1 has 8 and 3;"
            + " nothing was written (pass --allow-dimension-change to publish it anyway)",
        e.getMessage());
    assertNull(client.getById("catalog", "p1").getFirstValue("pz_model_b"));
    assertNull(client.getById("users", ModelFields.modelDocId("m2")));
    assertNull(client.getById("users", ModelFields.LOCK_DOC_ID));
  }

  @Test
  void aConcurrentPublishIsRefusedWithTheHolderNamed() throws Exception {
    try (PublishLock held =
        PublishLock.acquire(
            new PublishLock.Claimant(
                client,
                "users",
                "id",
                "other-publisher@host",
                "m9",
                Duration.ofSeconds(60),
                PublishListener.NONE))) {
      PublishRefusedException e =
          assertThrows(
              PublishRefusedException.class,
              () -> publisher().publish(model("m1", ITEMS_25_PLUS_2_UNKNOWN, 8)));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "another publish holds the lock of users store 'users'"
                      + " (other-publisher@host, model m9, last heartbeat "),
          e.getMessage());
    }
    assertNull(client.getById("users", ModelFields.ACTIVE_DOC_ID), "nothing was switched");
  }

  @Test
  void aKilledPublishLeavesTheActiveModelWholeAndARerunCompletesIt() throws Exception {
    var before = CatalogFixtures.catalogFields(client, "catalog");
    ModelDirectory.Model m1 = model("m1", ITEMS_25_PLUS_2_UNKNOWN, 8);
    ModelDirectory.Model m2 = model("m2", ITEMS_25_PLUS_2_UNKNOWN, 8);
    publisher().publish(m1);
    Path m2Dir = work.resolve("m2");
    ModelDirectory.write(m2Dir, m2);

    Process publish = PublishUntilKilled.start(solr.baseUrl(), m2Dir);
    int catalogBatches = 0;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(publish.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (catalogBatches < 2 && (line = out.readLine()) != null) {
        assertFalse(line.equals("finished"), "the publish ended before it could be killed");
        if (line.equals("batch catalog")) {
          catalogBatches++;
        }
      }
      publish.destroyForcibly().waitFor();
    }
    assertEquals(2, catalogBatches);

    assertEquals(
        "m1", client.getById("users", ModelFields.ACTIVE_DOC_ID).getFirstValue("pz_model"));
    for (int i = 0; i < 25; i++) {
      assertItemFields(m1, "a", i);
    }
    assertEquals(before, CatalogFixtures.catalogFields(client, "catalog"));

    Thread.sleep(1500); // the dead publish's lock heartbeat goes stale
    PublishReport rerun =
        publisher(PublishOptions.defaults().withLockStaleAfter(Duration.ofSeconds(1))).publish(m2);
    assertEquals(25, rerun.itemsWritten());
    assertEquals(
        "m2", client.getById("users", ModelFields.ACTIVE_DOC_ID).getFirstValue("pz_model"));
    for (int i = 0; i < 25; i++) {
      assertItemFields(m2, "b", i);
    }
    assertEquals(before, CatalogFixtures.catalogFields(client, "catalog"));
  }

  @Test
  void documentsAreAddressedByTheUniqueKeyEachSchemaDeclares() throws Exception {
    createCoreWithUniqueKey("catalog_sku", "catalog", "sku");
    createCoreWithUniqueKey("users_key", "users", "key");
    List<SolrInputDocument> products = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      products.add(new SolrInputDocument("sku", "p" + i, "title", "product " + i));
    }
    client.add("catalog_sku", products);
    client.commit("catalog_sku");
    SolrTarget target = SolrTarget.standalone(solr.baseUrl(), "catalog_sku", "users_key");
    ModelDirectory.Model m1 = model("m1", ITEMS_25_PLUS_2_UNKNOWN, 4);
    ModelDirectory.Model m2 = model("m2", SyntheticModels.ids("p", 0, 12), 4);
    ModelDirectory.Model m3 = model("m3", SyntheticModels.ids("p", 0, 5), 4);
    PublishOptions options = new PublishOptions(5, 2, Duration.ofSeconds(60), null, false);

    PublishReport first = new ModelPublisher(target, options, PublishListener.NONE).publish(m1);
    assertEquals(12, first.itemsWritten());
    assertEquals(15, first.itemsMissingFromCatalog());
    new ModelPublisher(target, options, PublishListener.NONE).publish(m2);
    PublishReport third = new ModelPublisher(target, options, PublishListener.NONE).publish(m3);
    assertEquals("a", third.slot());
    assertEquals(7, third.staleSlotDocsCleared(), "p5..p11 held m1 in slot a, m3 lacks them");

    SolrDocument p3 = client.getById("catalog_sku", "p3");
    assertEquals(ModelFields.modelTag("m3"), p3.getFirstValue("pz_model_a"));
    assertArrayEquals(
        Arrays.copyOfRange(m3.itemFactors(), 3 * 4, 4 * 4),
        Arrays.copyOf(decode(p3.getFirstValue("pz_item_a")), 4));
    assertNull(client.getById("catalog_sku", "p7").getFirstValue("pz_item_a"));
    SolrDocument pointer = client.getById("users_key", ModelFields.ACTIVE_DOC_ID);
    assertEquals(ModelFields.ACTIVE_DOC_ID, pointer.getFirstValue("key"));
    assertEquals(
        new UsersStoreDocuments.Pointer(
            "m3", "a", null, new UsersStoreDocuments.SlotModel("m2", "b")),
        UsersStoreDocuments.Pointer.read(pointer::getFirstValue),
        "a publish records the model it replaced as the previous one");
    UsersStoreDocuments.Profile u4 =
        UsersStoreDocuments.Profile.read(
            "m3", "u4", 4, 3, client.getById("users_key", "m3/u4")::getFirstValue);
    assertArrayEquals(Arrays.copyOfRange(m3.userFactors(), 4 * 4, 5 * 4), u4.vector());
    assertArrayEquals(Arrays.copyOfRange(m3.userLogAffinity(), 4 * 3, 5 * 3), u4.logAffinity());
    assertNull(client.getById("users_key", ModelFields.LOCK_DOC_ID), "lock released");
  }

  /** A core of {@code configset} whose schema's unique key field is {@code uniqueKey}. */
  private static void createCoreWithUniqueKey(String core, String configset, String uniqueKey)
      throws Exception {
    Path conf = home.resolve("solr").resolve(core).resolve("conf");
    Files.createDirectories(conf);
    PathUtils.copyDirectory(
        EmbeddedSolrConfig.defaultConfigsetsDir().resolve(configset).resolve("conf"), conf);
    Path schema = conf.resolve("schema.xml");
    String renamed =
        Files.readString(schema)
            .replace("<uniqueKey>id</uniqueKey>", "<uniqueKey>" + uniqueKey + "</uniqueKey>")
            .replace("<field name=\"id\" ", "<field name=\"" + uniqueKey + "\" ");
    assertTrue(renamed.contains("<field name=\"" + uniqueKey + "\" "), renamed);
    Files.writeString(schema, renamed);
    CoreAdminRequest.createCore(core, conf.getParent().toString(), client);
  }

  private static void assertItemFields(ModelDirectory.Model model, String slot, int row)
      throws Exception {
    SolrDocument doc = client.getById("catalog", model.itemIds().get(row));
    int k = model.k();
    int clusters = model.clusters();
    assertEquals(
        ModelFields.modelTag(model.manifest().modelId()),
        doc.getFirstValue(ModelFields.itemModelField(slot)));
    float[] item = decode(doc.getFirstValue(ModelFields.itemField(slot)));
    assertEquals(k + clusters, item.length, "factors, then log-densities");
    assertArrayEquals(
        Arrays.copyOfRange(model.itemFactors(), row * k, (row + 1) * k),
        Arrays.copyOfRange(item, 0, k));
    assertArrayEquals(
        Arrays.copyOfRange(model.itemLogDensity(), row * clusters, (row + 1) * clusters),
        Arrays.copyOfRange(item, k, k + clusters));
  }

  private static float[] decode(Object binaryField) {
    byte[] bytes = (byte[]) binaryField;
    return VectorCodec.decode(bytes, 0, bytes.length);
  }
}
