package org.solrpersonalize.trainer.cli;

import picocli.CommandLine.Option;

/** {@code --max-errors}: how many bad input lines a command tolerates. A picocli mixin. */
public final class MaxErrorsOption {
  @Option(
      names = "--max-errors",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Bad lines tolerated, each reported as file:line: reason; 0 stops at the first."
              + " Default: ${DEFAULT-VALUE}.")
  long maxErrors;

  public long value() {
    return maxErrors;
  }
}
