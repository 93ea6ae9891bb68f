package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.data.ColumnNames;
import org.solrpersonalize.trainer.data.EventWeights;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How an interaction log's lines read: column names, event weights, tolerated bad lines. A picocli
 * mixin shared by the local commands and the Spark engine's {@code train}, so both read logs by the
 * same flags.
 */
public final class LogFormatOptions {
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

  @Mixin MaxErrorsOption maxErrors;

  /** The column names as given by {@code --columns}. */
  public String columnsFlag() {
    return columns;
  }

  /** The event weights as given by {@code --events}. */
  public String eventsFlag() {
    return events;
  }

  public ColumnNames columnNames() {
    return ColumnNames.parse(columns);
  }

  public EventWeights eventWeights() {
    return EventWeights.parse(events);
  }

  public long maxErrors() {
    return maxErrors.value();
  }
}
