package org.solrpersonalize.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.spark.sql.SparkSession;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.cli.EngineOptions;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.publish.PublishFailedException;
import org.solrpersonalize.trainer.publish.PublishListener;
import org.solrpersonalize.trainer.publish.PublishOptions;
import org.solrpersonalize.trainer.publish.PublishRefusedException;
import org.solrpersonalize.trainer.publish.PublishReport;
import org.solrpersonalize.trainer.publish.SolrTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code publish} as a Spark job ({@link SparkPublisher}): the flags of {@code bin/trainer publish}
 * that apply, plus the writers per shard.
 *
 * <pre>
 * spark-submit --class org.solrpersonalize.spark.SparkTrainerCli spark-trainer-spark.jar \
 *   publish --model /models/m1 --zk zk1:2181,zk2:2181/solr --writers-per-shard 2
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
      "slot, counts, commits and switches; the executors write item fields and profiles, a",
      "bounded number of writers per shard. A killed publish leaves the active model whole."
    })
final class SparkPublishCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PublishListener listener;

  @Option(names = "--model", required = true, description = "Model directory written by train.")
  Path model;

  @Option(names = "--zk", description = "SolrCloud ZooKeeper hosts, e.g. zk1:2181,zk2:2181/solr.")
  String zkHosts;

  @Option(
      names = "--solr",
      description = "Standalone Solr base URL, e.g. http://127.0.0.1:8983/solr (one shard).")
  String solrUrl;

  @Option(
      names = "--catalog",
      defaultValue = "catalog",
      description = "Catalog collection (default: ${DEFAULT-VALUE}).")
  String catalog;

  @Option(
      names = "--users",
      defaultValue = "users",
      description = "Users collection (default: ${DEFAULT-VALUE}).")
  String users;

  @Option(
      names = "--batch-size",
      defaultValue = "" + PublishOptions.DEFAULT_BATCH_SIZE,
      description = "Documents per update request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--writers-per-shard",
      defaultValue = "2",
      description =
          "Spark partitions, hence concurrent update requests at most, per shard (default:"
              + " ${DEFAULT-VALUE}).")
  int writersPerShard;

  @Option(
      names = "--lock-timeout",
      defaultValue = "60",
      description =
          "Seconds a publish that finds the lock held watches it without seeing a heartbeat"
              + " before taking it over (default: ${DEFAULT-VALUE}).")
  long lockTimeoutSeconds;

  @Option(
      names = "--allow-dimension-change",
      description = "Publish even if factors or clusters differ from the active model's.")
  boolean allowDimensionChange;

  @Option(
      names = "--min-coverage",
      defaultValue = "" + PublishOptions.DEFAULT_MIN_COVERAGE,
      description =
          "Least fraction of the model's items that must have a catalog document"
              + " (default: ${DEFAULT-VALUE}).")
  double minCoverage;

  @Mixin EngineOptions engine;

  SparkPublishCommand(PrintWriter out, PublishListener listener) {
    this.out = out;
    this.listener = listener;
  }

  @Override
  public Integer call() throws IOException, SolrServerException {
    engine.requireSpark();
    if ((solrUrl == null) == (zkHosts == null)) {
      throw new BadInputException("give --zk HOSTS or --solr URL");
    }
    ModelDirectory.Model loaded = ModelDirectory.read(model);
    PublishReport report;
    try {
      SolrTarget target = new SolrTarget(solrUrl, zkHosts, catalog, users);
      PublishOptions options =
          new PublishOptions(
              batchSize,
              1,
              Duration.ofSeconds(lockTimeoutSeconds),
              null,
              allowDimensionChange,
              minCoverage,
              PublishOptions.DEFAULT_SEEN_MAX);
      SparkSession spark = CliSparkSession.start("solr-personalize publish", engine.sparkMaster());
      report =
          new SparkPublisher(spark, target, options, writersPerShard, listener).publish(loaded);
    } catch (PublishRefusedException | IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    } catch (PublishFailedException e) {
      throw new IOException(
          "publish failed against " + (solrUrl != null ? solrUrl : zkHosts) + ": " + e.getMessage(),
          e);
    }
    out.println(report.summary());
    out.flush();
    return 0;
  }
}
