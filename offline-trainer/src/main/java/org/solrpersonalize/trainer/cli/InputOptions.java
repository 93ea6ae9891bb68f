package org.solrpersonalize.trainer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.data.TimeDecay;
import picocli.CommandLine.Mixin;
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

  @Mixin LogFormatOptions format;

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
        format.columnNames(), format.eventWeights(), format.maxErrors(), decay());
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
    settings.put("columns", format.columnsFlag());
    settings.put("events", format.eventsFlag());
    TimeDecay decay = decay();
    if (decay != null) {
      settings.putAll(decay.settings());
    }
    return settings;
  }
}
