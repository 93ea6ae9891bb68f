package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.util.function.Supplier;
import org.solrpersonalize.format.ModelDirectory;
import picocli.CommandLine.Option;

/** {@code --json} of the commands that print one result: a JSON document instead of the text. */
final class JsonOption {
  @Option(names = "--json", description = "Print the result as one JSON document.")
  boolean json;

  /**
   * Prints {@code result} as one JSON document with {@code --json}, else {@code text}, and returns
   * {@link TrainerCli#OK}.
   */
  int print(Console console, Object result, Supplier<String> text) throws IOException {
    if (json) {
      console.out().println(ModelDirectory.json().writeValueAsString(result));
    } else {
      console.out().print(text.get());
    }
    console.out().flush();
    return TrainerCli.OK;
  }
}
