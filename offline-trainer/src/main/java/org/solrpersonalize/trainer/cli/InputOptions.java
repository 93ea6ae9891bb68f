package org.solrpersonalize.trainer.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solrpersonalize.trainer.data.LoadOptions;
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

  @Mixin TimeDecayOptions decay;

  LoadOptions toLoadOptions() {
    return new LoadOptions(
        format.columnNames(), format.eventWeights(), format.maxErrors(), decay.toDecay());
  }

  /** The flags as given, for the manifest: how the interactions were read. */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("columns", format.columnsFlag());
    settings.put("events", format.eventsFlag());
    settings.putAll(decay.settings());
    return settings;
  }
}
