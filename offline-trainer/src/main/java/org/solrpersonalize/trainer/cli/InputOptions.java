package org.solrpersonalize.trainer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solrpersonalize.trainer.data.ColumnNames;
import org.solrpersonalize.trainer.data.EventWeights;
import org.solrpersonalize.trainer.data.LoadOptions;
import picocli.CommandLine.Option;

/**
 * Where the interactions are and how to read them: shared by {@code train} and {@code evaluate}.
 */
final class InputOptions {
  @Option(
      names = "--interactions",
      required = true,
      split = ",",
      paramLabel = "FILE[,FILE...]",
      description = "Interaction files: CSV or TSV with a header, or JSONL (required; no default).")
  List<Path> files;

  @Option(
      names = "--columns",
      paramLabel = "ROLE=NAME,...",
      defaultValue = "user=user,item=item,weight=weight,timestamp=timestamp,event=event",
      description =
          "Column (or JSON field) names by role; a weight column wins over an event column."
              + " Default: ${DEFAULT-VALUE}.")
  String columns;

  @Option(
      names = "--events",
      paramLabel = "EVENT=WEIGHT,...",
      defaultValue = "view=1,cart=3,purchase=5",
      description =
          "Weights of event types, used without a weight column. Default: ${DEFAULT-VALUE}.")
  String events;

  @Option(
      names = "--max-errors",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Bad lines tolerated, each reported as file:line: reason; 0 stops at the first."
              + " Default: ${DEFAULT-VALUE}.")
  long maxErrors;

  LoadOptions toLoadOptions() {
    return new LoadOptions(ColumnNames.parse(columns), EventWeights.parse(events), maxErrors);
  }

  /** The flags as given, for the manifest: how the interactions were read. */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("columns", columns);
    settings.put("events", events);
    return settings;
  }
}
