package org.solrpersonalize.trainer.publish;

import java.util.List;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments.Pointer;
import org.solrpersonalize.format.UsersStoreDocuments.SlotModel;
import org.solrpersonalize.solr.cloud.CatalogAndUsersCloud;
import org.solrpersonalize.synthetic.SyntheticModels;

/**
 * {@code publish --candidate}, {@code promote} and {@code rollback} through ZooKeeper, with a
 * catalog of 2 shards: the active model's pages stay byte-identical while a candidate is written,
 * and rollback gives back the previous model's pages exactly.
 */
@SolrTestCaseJ4.SuppressSSL(
    bugUrl = "none: pages are compared as raw HTTP bodies fetched with the JDK's own client")
public class CandidateCloudTest extends CatalogAndUsersCloud {
  private static final List<String> USERS = SyntheticModels.ids("u", 0, 8);

  @BeforeClass
  public static void startCluster() throws Exception {
    configureCatalogAndUsers(2);
    createCatalogAndUsers(2, 1, 1);
  }

  private static List<String> pages() throws Exception {
    return PersonalizedPages.of(
        cluster.getJettySolrRunner(0).getBaseUrl().toString(), "catalog", USERS);
  }

  /**
   * The pages once every one names {@code modelId}: a node re-reads the pointer at most every
   * second (the plugin's pointer cache), so a switch reaches queries within about that.
   */
  private static List<String> pagesOf(String modelId) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      List<String> pages = pages();
      if (pages.stream().allMatch(p -> p.contains("\"model\":\"" + modelId + "\""))) {
        return pages;
      }
      assertTrue("pages never named " + modelId + ": " + pages, System.nanoTime() < deadline);
      Thread.sleep(200);
    }
  }

  private static Pointer latestPointer(CloudSolrClient client) throws Exception {
    return Pointer.read(client.getById("users", ModelFields.ACTIVE_DOC_ID)::getFirstValue);
  }

  @Test
  public void aCandidateLeavesPagesByteIdenticalAndRollbackGivesThemBack() throws Exception {
    CloudSolrClient client = cluster.getSolrClient();
    CatalogFixtures.indexProducts(client, "catalog", 40);
    List<String> items = SyntheticModels.ids("p", 0, 40);
    ModelDirectory.Model m1 = SyntheticModels.model("m1", items, USERS, 8, 3, 7);
    ModelDirectory.Model m2 = SyntheticModels.model("m2", items, USERS, 8, 3, 8);
    SolrTarget target = SolrTarget.cloud(cluster.getZkServer().getZkAddress(), "catalog", "users");
    ModelPublisher publisher =
        new ModelPublisher(target, PublishOptions.defaults(), PublishListener.NONE);
    ModelSwitcher switcher =
        new ModelSwitcher(target, PublishOptions.DEFAULT_LOCK_STALE_AFTER, PublishListener.NONE);
    publisher.publish(client, m1);
    List<String> m1Pages = pages();
    assertTrue(m1Pages.get(0), m1Pages.get(0).contains("\"model\":\"m1\""));

    PublishReport candidate = publisher.publishCandidate(client, m2);
    assertEquals("b", candidate.slot());
    assertEquals(40, candidate.itemsWritten());
    assertEquals(new Pointer("m1", "a", new SlotModel("m2", "b"), null), latestPointer(client));
    assertEquals("every page, byte for byte", m1Pages, pages());

    switcher.promote(client);
    List<String> m2Pages = pagesOf("m2");
    assertNotEquals(m1Pages, m2Pages);
    SwitchReport back = switcher.rollback(client);
    assertEquals(new SlotModel("m1", "a"), back.active());
    assertEquals("m1's pages, byte for byte", m1Pages, pagesOf("m1"));
    switcher.rollback(client);
    assertEquals(m2Pages, pagesOf("m2"));

    StoreStatus status = new StoreStatusReader(target).read(client);
    assertEquals("m2", status.active().model());
    assertEquals(40, status.active().catalogDocuments());
    assertEquals(8, status.active().profiles());
    assertTrue(status.previous().whole());
    assertNull(status.candidate());
  }
}
