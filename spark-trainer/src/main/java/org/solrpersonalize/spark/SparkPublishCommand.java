package org.solrpersonalize.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.solrpersonalize.trainer.cli.EngineOptions;
import org.solrpersonalize.trainer.cli.PublishFlags;
import org.solrpersonalize.trainer.publish.PublishProgressBars;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code publish} as a Spark job ({@link SparkPublisher}): the flags of {@code bin/trainer publish}
 * ({@link PublishFlags}), with the writers per shard instead of {@code --threads}.
 *
 * <pre>
 * spark-submit --class org.solrpersonalize.spark.SparkTrainerCli spark-trainer-spark.jar \
 *   publish --model /models/m1 --zk zk1:2181,zk2:2181/solr --writers-per-shard 2 \
 *   [--candidate] [--seen-max 200] [--missing-items missing.txt] [--no-progress]
 * </pre>
 *
 * Exit codes as {@code bin/trainer publish}: 2 refused, 1 Solr failed; either message says what the
 * store holds.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Publishes a model directory into Solr from Spark: the driver takes the lock, chooses the",
      "slot, counts, clears the slot's stale values, commits and switches (or records the",
      "candidate); the executors write item fields and profiles, a bounded number of writers",
      "per shard. A killed publish leaves the active model whole."
    })
final class SparkPublishCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;
  private final PrintStream progress;

  @Mixin PublishFlags publish = new PublishFlags();

  @Option(
      names = "--writers-per-shard",
      defaultValue = "2",
      description =
          "Spark partitions, hence concurrent update requests at most, per shard (default:"
              + " ${DEFAULT-VALUE}).")
  int writersPerShard;

  @Mixin EngineOptions engine;

  /**
   * @param progress where the bars per phase (unless {@code --no-progress}) and the notices go
   */
  SparkPublishCommand(PrintWriter out, PrintWriter err, PrintStream progress) {
    this.out = out;
    this.err = err;
    this.progress = progress;
  }

  @Override
  public Integer call() throws IOException {
    engine.requireSpark();
    publish.publish(
        1,
        out::println,
        err::println,
        (target, options, model, candidate) -> {
          SparkSession spark =
              CliSparkSession.start("solr-personalize publish", engine.sparkMaster());
          try (PublishProgressBars bars = publish.progress(progress)) {
            return new SparkPublisher(spark, target, options, writersPerShard, bars)
                .publish(model, candidate);
          }
        });
    out.flush();
    return 0;
  }
}
