package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import org.solrpersonalize.trainer.publish.ModelPublisher;
import org.solrpersonalize.trainer.publish.PublishOptions;
import org.solrpersonalize.trainer.publish.PublishProgressBars;
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
  @Mixin PublishFlags publish = new PublishFlags();

  @Option(
      names = "--threads",
      defaultValue = "" + PublishOptions.DEFAULT_THREADS,
      description = "Update requests in flight (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws IOException {
    publish.publish(
        threads,
        console().out()::println,
        console().err()::println,
        (target, options, model, candidate) -> {
          try (PublishProgressBars progress = publish.progress(console().err())) {
            ModelPublisher publisher = new ModelPublisher(target, options, progress);
            return candidate ? publisher.publishCandidate(model) : publisher.publish(model);
          }
        });
    console().out().flush();
    return TrainerCli.OK;
  }
}
