package org.solrpersonalize.trainer.publish;

import java.nio.file.Path;
import org.solrpersonalize.format.ModelDirectory;

/**
 * A publish in its own JVM, slowed down and announcing each catalog batch on stdout, so a test can
 * kill the process part way through the catalog writes. Args: solrUrl modelDir.
 */
public final class PublishUntilKilled {
  public static void main(String[] args) throws Exception {
    PublishOptions options =
        new PublishOptions(5, 1, PublishOptions.DEFAULT_LOCK_STALE_AFTER, null, false);
    PublishListener announce =
        new PublishListener() {
          @Override
          public void onBatchWritten(String phase, int documents) {
            System.out.println("batch " + phase);
            System.out.flush();
            try {
              Thread.sleep(200);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    new ModelPublisher(SolrTarget.standalone(args[0], "catalog", "users"), options, announce)
        .publish(ModelDirectory.read(Path.of(args[1])));
    System.out.println("finished");
  }
}
