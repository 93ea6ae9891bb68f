package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.progress.ProgressBars;
import picocli.CommandLine.Option;

/** How results are shown. */
public final class OutputOptions {
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

  /** Whether {@code --json} asks for JSON instead of a table. */
  public boolean json() {
    return json;
  }

  ProgressBars bars(Console console) {
    return new ProgressBars(console.err(), !noProgress);
  }
}
