package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.progress.ProgressBars;
import org.solrpersonalize.trainer.publish.ModelPublisher;
import org.solrpersonalize.trainer.publish.PublishFailedException;
import org.solrpersonalize.trainer.publish.PublishOptions;
import org.solrpersonalize.trainer.publish.PublishProgressBars;
import org.solrpersonalize.trainer.publish.PublishRefusedException;
import org.solrpersonalize.trainer.publish.PublishReport;
import org.solrpersonalize.trainer.publish.SolrTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code publish --model DIR (--solr URL | --zk HOSTS) --catalog NAME --users NAME [--candidate]}.
 * Example:
 *
 * <pre>
 * bin/trainer publish --model models/m1 --solr http://127.0.0.1:8983/solr \
 *     --catalog catalog --users users [--seen-max 200]
 * </pre>
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Write a model into Solr: item fields onto the existing catalog documents (idle slot),",
      "user profiles into the users store, then switch the active model in one update",
      "(with --candidate: record it as the candidate instead; see promote, rollback, status).",
      "A killed publish leaves the active model whole; rerunning it completes it.",
      "Exit 2: refused (e.g. values not finite, items not in the catalog, lock held);",
      "exit 1: Solr failed. Either message says which model is active, as read back."
    })
final class PublishCommand extends ConsoleCommand {
  @Option(names = "--model", required = true, description = "Model directory written by train.")
  Path model;

  @Mixin SolrTargetOptions solr = new SolrTargetOptions();

  @Option(
      names = "--candidate",
      description =
          "Publish as the candidate: write the idle slot (overwriting the previous model or an"
              + " earlier candidate) and record it in the pointer; the active model and every"
              + " response stay as they were. Make it active with 'promote'.")
  boolean candidate;

  @Option(
      names = "--batch-size",
      defaultValue = "" + PublishOptions.DEFAULT_BATCH_SIZE,
      description = "Documents per update request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--threads",
      defaultValue = "" + PublishOptions.DEFAULT_THREADS,
      description = "Update requests in flight (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--lock-timeout",
      defaultValue = "60",
      description =
          "Seconds a publish that finds the lock held watches it, on its own clock, without seeing"
              + " a heartbeat before taking it over as a dead publish's (default:"
              + " ${DEFAULT-VALUE}).")
  long lockTimeoutSeconds;

  @Option(
      names = "--missing-items",
      description =
          "File listing model items that have no catalog document (default: <model>/publish-missing-items.txt).")
  Path missingItems;

  @Option(
      names = "--allow-dimension-change",
      description = "Publish even if factors or clusters differ from the active model's.")
  boolean allowDimensionChange;

  @Option(
      names = "--min-coverage",
      defaultValue = "" + PublishOptions.DEFAULT_MIN_COVERAGE,
      description =
          "Least fraction of the model's items that must have a catalog document for the model to"
              + " be switched to; at least one must (default: ${DEFAULT-VALUE}).")
  double minCoverage;

  @Option(
      names = "--seen-max",
      defaultValue = "" + PublishOptions.DEFAULT_SEEN_MAX,
      description =
          "Each user's most recent items stored in the profile as seen, for rq={!personalize"
              + " seen=exclude|demote}; 0 stores none (default: ${DEFAULT-VALUE}).")
  int seenMax;

  @Option(names = "--no-progress", negatable = false, description = "No progress bars.")
  boolean noProgress;

  @Override
  public Integer call() throws IOException {
    SolrTarget target = solr.target();
    ModelDirectory.Model loaded = ExportCommand.read(model);
    PublishReport report;
    PublishOptions options;
    try {
      options =
          new PublishOptions(
              batchSize,
              threads,
              Duration.ofSeconds(lockTimeoutSeconds),
              missingItems != null ? missingItems : model.resolve("publish-missing-items.txt"),
              allowDimensionChange,
              minCoverage,
              seenMax);
      if (loaded.recentItems() == null && seenMax > 0) {
        console()
            .err()
            .println(
                "note: "
                    + model
                    + " has no "
                    + RecentItems.FILE
                    + " (trained before seen items existed): profiles are published without seen"
                    + " items; retrain to publish them");
      }
      try (PublishProgressBars progress =
          new PublishProgressBars(
              new ProgressBars(console().err(), !noProgress), console().err())) {
        ModelPublisher publisher = new ModelPublisher(target, options, progress);
        report = candidate ? publisher.publishCandidate(loaded) : publisher.publish(loaded);
      }
    } catch (PublishRefusedException | IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    } catch (BadInputException e) {
      throw e;
    } catch (PublishFailedException e) {
      // Exit code 1; the message says what the store holds, read back after the failure.
      throw new IOException("publish failed against " + solr.describe() + ": " + e.getMessage(), e);
    }
    console().out().println(report.summary());
    if (report.itemsMissingFromCatalog() > 0) {
      console().out().println("  items not in catalog are listed in " + options.missingItemsFile());
    }
    console().out().flush();
    return TrainerCli.OK;
  }
}
