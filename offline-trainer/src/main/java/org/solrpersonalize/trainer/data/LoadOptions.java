package org.solrpersonalize.trainer.data;

import java.util.Objects;

/**
 * How to read interaction files.
 *
 * @param columns names of the columns or JSON fields
 * @param events weights of event types, used when a line has an event and no weight
 * @param maxErrors bad lines tolerated (each still reported); 0 stops at the first one
 * @param decay decay of each event's weight by its age, or null for none
 */
public record LoadOptions(
    ColumnNames columns, EventWeights events, long maxErrors, TimeDecay decay) {
  public static final LoadOptions DEFAULT =
      new LoadOptions(ColumnNames.DEFAULT, EventWeights.DEFAULT, 0);

  public LoadOptions {
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(events, "events");
    if (maxErrors < 0) {
      throw new BadInputException("--max-errors must be >= 0, got " + maxErrors);
    }
  }

  /** Options without a time decay. */
  public LoadOptions(ColumnNames columns, EventWeights events, long maxErrors) {
    this(columns, events, maxErrors, null);
  }

  /**
   * The error that stops a read at the bad line after the {@link #maxErrors} tolerated ones, worded
   * alike by both engines.
   *
   * @param message that line's location and reason
   */
  public BadInputException tooManyErrors(String message) {
    return BadInputException.tooManyErrors(message, maxErrors);
  }
}
