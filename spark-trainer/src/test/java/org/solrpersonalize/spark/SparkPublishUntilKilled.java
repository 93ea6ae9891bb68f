package org.solrpersonalize.spark;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.publish.PublishListener;
import org.solrpersonalize.trainer.publish.PublishOptions;
import org.solrpersonalize.trainer.publish.PublishPhase;
import org.solrpersonalize.trainer.publish.PublishReport;
import org.solrpersonalize.trainer.publish.SolrTarget;

/**
 * A Spark publish on {@code local[2]} in a JVM of its own, for the end-to-end tests (src-test),
 * which run SolrCloud on Solr's classpath and this on Spark's. Args: {@code zkHosts catalog users
 * modelDir [phase]}. With a phase it prints {@code phase <PHASE>} on reaching it and waits there to
 * be killed; without, it publishes and prints {@code published <model> slot <slot>}.
 */
public final class SparkPublishUntilKilled {
  private SparkPublishUntilKilled() {}

  public static void main(String[] args) throws Exception {
    PublishPhase stopAt = args.length > 4 ? PublishPhase.valueOf(args[4]) : null;
    PublishListener stopper =
        new PublishListener() {
          @Override
          public void atPhase(PublishPhase phase) {
            if (phase == stopAt) {
              System.out.println("phase " + phase);
              System.out.flush();
              try {
                Thread.sleep(Long.MAX_VALUE);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    SparkSession spark = LocalSpark.start("SparkPublishUntilKilled");
    try {
      PublishOptions options = new PublishOptions(7, 1, Duration.ofSeconds(2), null, false);
      PublishReport report =
          new SparkPublisher(
                  spark, SolrTarget.cloud(args[0], args[1], args[2]), options, 2, stopper)
              .publish(ModelDirectory.read(Path.of(args[3])), false);
      System.out.println("published " + report.modelId() + " slot " + report.slot());
      System.out.flush();
    } finally {
      spark.stop();
    }
  }
}
