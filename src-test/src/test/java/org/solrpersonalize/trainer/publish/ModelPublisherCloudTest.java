package org.solrpersonalize.trainer.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.SolrDocument;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.solr.cloud.CatalogAndUsersCloud;
import org.solrpersonalize.synthetic.SyntheticModels;

/**
 * Publishing into SolrCloud through ZooKeeper: catalog with 2 shards x 2 replicas, users on one
 * shard, as {@code publish --zk} does it.
 */
public class ModelPublisherCloudTest extends CatalogAndUsersCloud {

  @BeforeClass
  public static void startCluster() throws Exception {
    configureCatalogAndUsers(2);
    createCatalogAndUsers(2, 2, 1);
  }

  @Test
  public void publishesThroughZooKeeperAndSwitchesOnEveryReplica() throws Exception {
    CloudSolrClient client = cluster.getSolrClient();
    CatalogFixtures.indexProducts(client, "catalog", 40);
    var before = CatalogFixtures.catalogFields(client, "catalog");
    ModelDirectory.Model m1 =
        SyntheticModels.model(
            "m1", SyntheticModels.ids("p", 0, 40), SyntheticModels.ids("u", 0, 12), 8, 3, 7);
    SolrTarget target = SolrTarget.cloud(cluster.getZkServer().getZkAddress(), "catalog", "users");

    PublishReport first =
        new ModelPublisher(target, PublishOptions.defaults(), PublishListener.NONE).publish(m1);
    assertEquals(40, first.itemsWritten());
    assertEquals(12, first.usersWritten());
    ModelDirectory.Model m2 =
        SyntheticModels.model(
            "m2", SyntheticModels.ids("p", 0, 40), SyntheticModels.ids("u", 0, 12), 8, 3, 8);
    PublishReport second =
        new ModelPublisher(target, PublishOptions.defaults(), PublishListener.NONE).publish(m2);
    assertEquals("b", second.slot());

    assertEquals(
        "m2", client.getById("users", ModelFields.ACTIVE_DOC_ID).getFirstValue("pz_model"));
    // Every replica of every shard holds both models' fields: query each replica directly.
    SolrQuery q = new SolrQuery("*:*");
    q.set("defType", "lucene");
    q.set("distrib", "false");
    q.addFilterQuery(CatalogQueries.holds(ModelFields.SLOT_A, ModelFields.modelTag("m1")));
    q.addFilterQuery(CatalogQueries.holds(ModelFields.SLOT_B, ModelFields.modelTag("m2")));
    q.setRows(0);
    long total = 0;
    for (var replica : client.getClusterState().getCollection("catalog").getReplicas()) {
      try (var replicaClient = getHttpSolrClient(replica.getBaseUrl())) {
        long n = replicaClient.query(replica.getCoreName(), q).getResults().getNumFound();
        total += n;
      }
    }
    assertEquals("2 replicas x 40 documents carry both slots", 80, total);

    SolrDocument p17 = client.getById("catalog", "p17");
    byte[] item = (byte[]) p17.getFirstValue("pz_item_b");
    float[] expected = java.util.Arrays.copyOfRange(m2.itemFactors(), 17 * 8, 18 * 8);
    float[] values = VectorCodec.decode(item, 0, item.length);
    assertArrayEquals("factors first", expected, java.util.Arrays.copyOfRange(values, 0, 8), 0f);
    assertEquals(before, CatalogFixtures.catalogFields(client, "catalog"));
  }

  /**
   * The overlap of two nightly publishes in SolrCloud: A frozen (heartbeat too) while writing
   * profiles loses its lock to B, which publishes whole; A stops at its next write and says so.
   */
  @Test
  public void aFrozenPublishLosesItsLockAndTheOtherPublishesWhole() throws Exception {
    CloudSolrClient client = cluster.getSolrClient();
    CollectionAdminRequest.createCollection("catalog_overlap", "catalog", 2, 1).process(client);
    CollectionAdminRequest.createCollection("users_overlap", "users", 1, 1).process(client);
    cluster.waitForActiveCollection("catalog_overlap", 2, 2);
    cluster.waitForActiveCollection("users_overlap", 1, 1);
    CatalogFixtures.indexProducts(client, "catalog_overlap", 20);
    List<String> items = SyntheticModels.ids("p", 0, 20);
    List<String> users = SyntheticModels.ids("u", 0, 6);
    ModelDirectory.Model m1 = SyntheticModels.model("m1", items, users, 4, 2, 11);
    ModelDirectory.Model m2 = SyntheticModels.model("m2", items, users, 4, 2, 12);
    ModelDirectory.Model m3 = SyntheticModels.model("m3", items, users, 4, 2, 13);
    SolrTarget target =
        SolrTarget.cloud(cluster.getZkServer().getZkAddress(), "catalog_overlap", "users_overlap");
    new ModelPublisher(target, PublishOptions.defaults(), PublishListener.NONE).publish(m1);

    PhaseGate frozenA = new PhaseGate(PublishPhase.PROFILES, PhaseGate.Mode.FREEZE);
    CompletableFuture<Throwable> a =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                new ModelPublisher(
                        target,
                        new PublishOptions(5, 1, Duration.ofSeconds(60), null, false),
                        frozenA)
                    .publish(m2);
                return null;
              } catch (Exception e) {
                return e;
              }
            });
    frozenA.awaitReached(a);
    PublishReport b =
        new ModelPublisher(
                target,
                new PublishOptions(5, 1, Duration.ofSeconds(1), null, false),
                PublishListener.NONE)
            .publish(m3);
    assertEquals("b", b.slot());
    assertEquals("m1", b.previousModelId());
    frozenA.resume();
    Throwable failure = a.get(120, TimeUnit.SECONDS);
    assertTrue(String.valueOf(failure), failure instanceof PublishRefusedException);
    assertEquals(
        "this publish (<owner>, model m2) lost the lock of users store 'users_overlap': another"
            + " publish took it over and has released it since (or someone deleted the lock"
            + " document). It stopped writing; "
            + PublishedStore.stateAfterStopping("m3", "b", 20, 6),
        PublishedStore.withoutOwners(failure.getMessage()));
    new PublishedStore(client, "catalog_overlap", "users_overlap")
        .assertActiveAndWhole(m3, "b", 20);
  }
}
