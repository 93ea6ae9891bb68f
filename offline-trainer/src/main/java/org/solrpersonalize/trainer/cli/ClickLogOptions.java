package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.solrpersonalize.trainer.clicks.ClickLog;
import org.solrpersonalize.trainer.clicks.Impression;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a click log reads: its documents' id field and the bad lines tolerated. */
final class ClickLogOptions {
  @Option(
      names = "--id-field",
      paramLabel = "NAME",
      defaultValue = "id",
      description =
          "The documents' unique key field in the log (the catalog's, as returned by"
              + " fl=<key>,[personalize]). Default: ${DEFAULT-VALUE}.")
  String idField;

  @Mixin MaxErrorsOption maxErrors;

  List<Impression> read(Path file, Console console) throws IOException {
    return ClickLog.read(file, idField, maxErrors.value(), console.err()::println);
  }
}
