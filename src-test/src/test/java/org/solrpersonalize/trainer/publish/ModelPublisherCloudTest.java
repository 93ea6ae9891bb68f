package org.solrpersonalize.trainer.publish;

import java.nio.file.Path;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.SolrCloudTestCase;
import org.apache.solr.common.SolrDocument;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.synthetic.SyntheticModels;

/**
 * Publishing into SolrCloud through ZooKeeper: catalog with 2 shards x 2 replicas, users on one
 * shard, as {@code publish --zk} does it.
 */
public class ModelPublisherCloudTest extends SolrCloudTestCase {
  private static final Path CONFIGSETS = Path.of(System.getProperty("configsets.dir"));

  @BeforeClass
  public static void startCluster() throws Exception {
    configureCluster(2)
        .addConfig("catalog", CONFIGSETS.resolve("catalog").resolve("conf"))
        .addConfig("users", CONFIGSETS.resolve("users").resolve("conf"))
        .configure();
    CollectionAdminRequest.createCollection("catalog", "catalog", 2, 2)
        .process(cluster.getSolrClient());
    CollectionAdminRequest.createCollection("users", "users", 1, 1)
        .process(cluster.getSolrClient());
    cluster.waitForActiveCollection("catalog", 2, 4);
    cluster.waitForActiveCollection("users", 1, 1);
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
}
