package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.solrpersonalize.format.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code publish --model DIR (--solr URL | --zk HOSTS) --catalog NAME --users NAME}. Example:
 *
 * <pre>
 * bin/trainer publish --model models/m1 --solr http://127.0.0.1:8983/solr \
 *     --catalog catalog --users users
 * </pre>
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Write a model into Solr: item fields onto the existing catalog documents (idle slot),",
      "user profiles into the users store, then switch the active model in one update.",
      "A killed publish leaves the active model whole; rerunning it completes it."
    })
public final class PublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory written by train.")
  Path model;

  @Option(names = "--solr", description = "Standalone Solr base URL, e.g. http://127.0.0.1:8983/solr.")
  String solrUrl;

  @Option(names = "--zk", description = "SolrCloud ZooKeeper hosts, e.g. zk1:2181,zk2:2181/solr.")
  String zkHosts;

  @Option(names = "--catalog", defaultValue = "catalog", description = "Catalog collection or core (default: ${DEFAULT-VALUE}).")
  String catalog;

  @Option(names = "--users", defaultValue = "users", description = "Users collection or core (default: ${DEFAULT-VALUE}).")
  String users;

  @Option(names = "--batch-size", defaultValue = "" + PublishOptions.DEFAULT_BATCH_SIZE, description = "Documents per update request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--threads", defaultValue = "" + PublishOptions.DEFAULT_THREADS, description = "Update requests in flight (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--lock-timeout", defaultValue = "60", description = "Seconds without heartbeat after which a publish lock is stale and taken over (default: ${DEFAULT-VALUE}).")
  long lockTimeoutSeconds;

  @Option(names = "--missing-items", description = "File listing model items that have no catalog document (default: <model>/publish-missing-items.txt).")
  Path missingItems;

  @Option(names = "--allow-dimension-change", description = "Publish even if factors or clusters differ from the active model's.")
  boolean allowDimensionChange;

  @Option(names = "--no-progress", negatable = false, description = "No progress bars.")
  boolean noProgress;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    try {
      SolrTarget target = solrUrl != null || zkHosts != null
          ? new SolrTarget(solrUrl, zkHosts, catalog, users)
          : null;
      if (target == null) {
        err.println("publish: give --solr URL or --zk HOSTS");
        return 2;
      }
      PublishOptions options = new PublishOptions(batchSize, threads,
          Duration.ofSeconds(lockTimeoutSeconds),
          missingItems != null ? missingItems : model.resolve("publish-missing-items.txt"),
          allowDimensionChange, !noProgress);
      ModelDirectory.Model loaded = ModelDirectory.read(model);
      PublishReport report;
      if (noProgress) {
        report = new ModelPublisher(target, options, PublishListener.NONE).publish(loaded);
      } else {
        try (ProgressBarListener bars = new ProgressBarListener()) {
          report = new ModelPublisher(target, options, bars).publish(loaded);
        }
      }
      out.println(report.summary());
      if (report.itemsMissingFromCatalog() > 0) {
        out.println("  items not in catalog are listed in " + options.missingItemsFile());
      }
      out.flush();
      return 0;
    } catch (PublishRefusedException | IllegalArgumentException e) {
      err.println("publish: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("publish: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("publish: failed against " + (solrUrl != null ? solrUrl : zkHosts) + ": "
          + e.getMessage() + "; the active model is unchanged, rerun to complete");
      return 1;
    }
  }
}
