package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.progress.ProgressBars;
import picocli.CommandLine.Option;

/** How results are shown. */
final class OutputOptions {
  @Option(
      names = "--json",
      defaultValue = "false",
      description =
          "Print the result as JSON on stdout instead of a table. Default: ${DEFAULT-VALUE}.")
  boolean json;

  @Option(
      names = "--no-progress",
      defaultValue = "false",
      description = "Hide the progress bars on stderr. Default: ${DEFAULT-VALUE}.")
  boolean noProgress;

  ProgressBars bars(Console console) {
    return new ProgressBars(console.err(), !noProgress);
  }
}
