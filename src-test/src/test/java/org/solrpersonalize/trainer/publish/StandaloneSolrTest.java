package org.solrpersonalize.trainer.publish;

import java.nio.file.Path;
import org.apache.solr.client.solrj.SolrClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.launcher.TwoCoreSolr;

/**
 * One real standalone Solr per test class (catalog and users cores, the plugin), a client, and what
 * queries see of the published model. Test classes run one at a time, so the fields are the running
 * class's.
 */
public abstract class StandaloneSolrTest {
  @TempDir protected static Path home;
  protected static TwoCoreSolr solr;
  protected static SolrClient client;
  protected static PublishedStore store;

  @BeforeAll
  protected static void startSolr() {
    solr = TwoCoreSolr.start(home.resolve("solr"));
    client = solr.client();
    store = new PublishedStore(client, "catalog", "users");
  }

  @AfterAll
  protected static void stopSolr() throws Exception {
    client.close();
    solr.close();
  }
}
