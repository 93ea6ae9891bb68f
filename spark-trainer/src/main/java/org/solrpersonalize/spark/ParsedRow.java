package org.solrpersonalize.spark;

import java.io.Serializable;
import org.solrpersonalize.trainer.data.InteractionRowParser;

/**
 * One input line or row after the trainer's rules: an interaction, a rejected line with its reason,
 * a good line of weight 0 (dropped and counted, as the local loader does), or a blank line. Where
 * it came from is kept so that a rejection can be reported as {@code file:line: reason}.
 *
 * @param kind {@link #GOOD}, {@link #BAD}, {@link #ZERO_WEIGHT} or {@link #BLANK}
 * @param file the file the row came from
 * @param splitStart byte offset of the input split in the file (text), or -1 when the row index is
 *     absolute
 * @param index 0-based line index within the split (text) or row index within the file (Parquet)
 */
record ParsedRow(
    byte kind,
    String user,
    String item,
    float weight,
    long timestamp,
    String problem,
    String file,
    long splitStart,
    long index)
    implements Serializable {
  static final byte GOOD = 0;
  static final byte BAD = 1;
  static final byte BLANK = 2;
  static final byte ZERO_WEIGHT = 3;

  static ParsedRow blank() {
    return new ParsedRow(BLANK, null, null, 0, 0, null, null, 0, 0);
  }

  /** The row of a good line: an interaction, or a dropped one when it weighs 0. */
  static ParsedRow of(InteractionRowParser parser) {
    if (parser.weighsZero()) {
      return new ParsedRow(ZERO_WEIGHT, null, null, 0, 0, null, null, 0, 0);
    }
    return new ParsedRow(
        GOOD, parser.user(), parser.item(), parser.weight(), parser.timestamp(), null, null, 0, 0);
  }

  static ParsedRow bad(String problem, String file, long splitStart, long index) {
    return new ParsedRow(BAD, null, null, 0, 0, problem, file, splitStart, index);
  }
}
