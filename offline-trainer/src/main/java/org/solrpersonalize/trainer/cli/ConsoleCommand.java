package org.solrpersonalize.trainer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * A subcommand of {@link TrainerCli}: it writes through the parent's {@link Console}, which picocli
 * injects before {@link #call()}.
 */
abstract class ConsoleCommand implements Callable<Integer> {
  @ParentCommand private TrainerCli parent;

  final Console console() {
    return parent.console();
  }
}
