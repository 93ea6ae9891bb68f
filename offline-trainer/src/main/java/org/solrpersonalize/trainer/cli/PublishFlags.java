package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.progress.ProgressBars;
import org.solrpersonalize.trainer.publish.PublishFailedException;
import org.solrpersonalize.trainer.publish.PublishOptions;
import org.solrpersonalize.trainer.publish.PublishProgressBars;
import org.solrpersonalize.trainer.publish.PublishRefusedException;
import org.solrpersonalize.trainer.publish.PublishReport;
import org.solrpersonalize.trainer.publish.SolrTarget;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of {@code publish} that mean the same in {@code bin/trainer publish} and in the Spark
 * engine's {@code publish}, and what both do with them: read the model, publish it, print the
 * report. A picocli mixin; each command adds how it writes ({@code --threads}, {@code
 * --writers-per-shard}).
 *
 * <pre>
 * publish --model models/m1 --zk zk1:2181/solr [--candidate] [--seen-max 200] \
 *     [--missing-items missing.txt] [--min-coverage 0.1] [--no-progress]
 * </pre>
 */
public final class PublishFlags {
  /** One publish of a loaded model, by whichever engine. */
  @FunctionalInterface
  public interface Publication {
    PublishReport publish(
        SolrTarget target, PublishOptions options, ModelDirectory.Model model, boolean candidate)
        throws IOException;
  }

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
          "File listing model items that have no catalog document (default:"
              + " <model>/publish-missing-items.txt).")
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

  /**
   * How the publish is shown on {@code err}: a bar per phase with its rate and ETA (none with
   * {@code --no-progress}), and every notice.
   */
  public PublishProgressBars progress(PrintStream err) {
    return new PublishProgressBars(new ProgressBars(err, !noProgress), err);
  }

  /**
   * Reads the model, publishes it and prints the report to {@code out}, notes to {@code err}.
   *
   * @param threads update requests in flight at once from this process
   * @throws BadInputException bad flags or model, or a refused publish (exit 2)
   * @throws IOException Solr failed (exit 1); the message says what the store holds
   */
  public void publish(
      int threads, Consumer<String> out, Consumer<String> err, Publication publication)
      throws IOException {
    SolrTarget target = solr.target();
    ModelDirectory.Model loaded = ExportCommand.read(model);
    PublishOptions options;
    PublishReport report;
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
        err.accept(
            "note: "
                + model
                + " has no "
                + RecentItems.FILE
                + " (trained before seen items existed): profiles are published without seen"
                + " items; retrain to publish them");
      }
      report = publication.publish(target, options, loaded, candidate);
    } catch (PublishRefusedException | IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    } catch (PublishFailedException e) {
      throw new IOException("publish failed against " + solr.describe() + ": " + e.getMessage(), e);
    }
    out.accept(report.summary());
    if (report.itemsMissingFromCatalog() > 0) {
      out.accept("  items not in catalog are listed in " + options.missingItemsFile());
    }
  }
}
