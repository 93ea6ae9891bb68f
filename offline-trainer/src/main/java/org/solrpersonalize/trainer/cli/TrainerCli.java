package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.demo.GenerateCommand;
import org.solrpersonalize.trainer.publish.PublishCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/trainer <command>}: every subcommand is registered here, in one place.
 *
 * <pre>
 * bin/trainer generate --products 20000 --users 2000 --out data
 * bin/trainer train --interactions data/interactions.csv --out models/m1
 * bin/trainer publish --model models/m1 --solr http://127.0.0.1:8983/solr
 * </pre>
 */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    description = "Offline trainer of the Solr personalization plugin.",
    subcommands = {TrainCommand.class, ExportCommand.class, PublishCommand.class, GenerateCommand.class})
public final class TrainerCli {
  /** Runs a command in-process and returns its exit code (tests and the demo use this). */
  public static int run(String... args) {
    return new CommandLine(new TrainerCli()).execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
