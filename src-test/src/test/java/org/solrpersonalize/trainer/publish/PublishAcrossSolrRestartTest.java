package org.solrpersonalize.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.solr.client.solrj.SolrClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.solrpersonalize.e2e.CatalogFixtures;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.launcher.TwoCoreSolr;
import org.solrpersonalize.synthetic.SyntheticModels;

/**
 * Solr stopped and started again in the middle of a publish: the publish either completes or stops
 * saying what the store holds, the active model stays whole, and a rerun completes.
 */
class PublishAcrossSolrRestartTest {
  private static final List<String> USERS = SyntheticModels.ids("u", 0, 10);
  private static final List<String> ITEMS = SyntheticModels.ids("p", 0, 25);
  private static final ModelDirectory.Model M1 = SyntheticModels.model("m1", ITEMS, USERS, 4, 2, 1);
  private static final ModelDirectory.Model M2 = SyntheticModels.model("m2", ITEMS, USERS, 4, 2, 2);

  @TempDir static Path home;
  static TwoCoreSolr solr;
  static int port;
  static SolrClient client;

  @BeforeAll
  static void startSolr() {
    solr = TwoCoreSolr.start(home.resolve("solr"));
    port = URI.create(solr.baseUrl()).getPort();
    client = solr.client(); // its URL stays valid across restarts on the same port
  }

  @AfterAll
  static void stopSolr() throws Exception {
    client.close();
    solr.close();
  }

  private static void restartSolr() {
    solr.close();
    solr = TwoCoreSolr.start(home.resolve("solr"), port);
  }

  private static ModelPublisher publisher(PublishListener listener) {
    return new ModelPublisher(
        SolrTarget.standalone(solr.baseUrl(), "catalog", "users"),
        new PublishOptions(5, 1, Duration.ofSeconds(1), null, false),
        listener);
  }

  @ParameterizedTest
  @EnumSource(
      value = PublishPhase.class,
      names = {"CATALOG", "COMMIT", "SWITCH_COMMIT"})
  void aRestartMidPublishLeavesAWholeModelAndARerunCompletes(PublishPhase phase) throws Exception {
    CatalogFixtures.resetWithProducts(client, 30);
    publisher(PublishListener.NONE).publish(client, M1);
    PublishedStore store = new PublishedStore(client, "catalog", "users");

    PublishListener restartsSolr =
        new PublishListener() {
          @Override
          public void atPhase(PublishPhase reached) {
            if (reached == phase) {
              restartSolr();
            }
          }
        };
    String outcome;
    try {
      outcome = publisher(restartsSolr).publish(client, M2).summary();
    } catch (PublishRefusedException | PublishFailedException e) {
      outcome = e.getMessage();
    }
    String active = store.committedPointer();
    if (active.equals("m2/b")) {
      store.assertActiveAndWhole(M2, "b", 25);
    } else {
      store.assertActiveAndWhole(M1, "a", 25);
    }
    assertTrue(
        outcome.startsWith("model m2 active in slot b")
            || outcome.contains(
                PublishedStore.stateAfterStopping(
                    active.substring(0, 2), active.substring(3), 25, 10)),
        "the outcome '" + outcome + "' must agree with the store: " + active);

    PublishReport rerun = publisher(PublishListener.NONE).publish(client, M2);
    assertEquals("b", rerun.slot());
    store.assertActiveAndWhole(M2, "b", 25);
  }
}
