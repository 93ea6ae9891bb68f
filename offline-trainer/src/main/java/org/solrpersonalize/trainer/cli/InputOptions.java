package org.solrpersonalize.trainer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.ColumnNames;
import org.solrpersonalize.trainer.data.EventWeights;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.data.TimeDecay;
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

  @Option(
      names = "--half-life",
      paramLabel = "DAYS",
      description =
          "Decay each event's weight by 0.5^(age/DAYS), its age taken from the newest event or"
              + " --as-of; every event then needs a timestamp. Default: none (no decay).")
  Double halfLife;

  @Option(
      names = "--as-of",
      paramLabel = "T",
      description =
          "With --half-life: the time ages are measured from (ISO-8601 or epoch seconds, as in"
              + " the log); later events are bad lines. Default: the newest event.")
  String asOf;

  LoadOptions toLoadOptions() {
    return new LoadOptions(
        ColumnNames.parse(columns), EventWeights.parse(events), maxErrors, decay());
  }

  private TimeDecay decay() {
    if (halfLife == null) {
      if (asOf != null) {
        throw new BadInputException("--as-of needs --half-life");
      }
      return null;
    }
    return new TimeDecay(halfLife, asOf == null ? null : TimeDecay.parseAsOf(asOf));
  }

  /** The flags as given, for the manifest: how the interactions were read. */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("columns", columns);
    settings.put("events", events);
    TimeDecay decay = decay();
    if (decay != null) {
      settings.putAll(decay.settings());
    }
    return settings;
  }
}
