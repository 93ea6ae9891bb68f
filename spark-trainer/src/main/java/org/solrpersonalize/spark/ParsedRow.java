package org.solrpersonalize.spark;

import java.io.Serializable;

/**
 * One input line or row after the trainer's rules: an interaction, a rejected line with its reason,
 * or a blank line. Where it came from is kept so that a rejection can be reported as {@code
 * file:line: reason}.
 */
final class ParsedRow implements Serializable {
  private static final long serialVersionUID = 1L;

  static final byte GOOD = 0;
  static final byte BAD = 1;
  static final byte BLANK = 2;

  byte kind;
  String user;
  String item;
  float weight;
  long timestamp;
  String problem;

  /** File the row came from. */
  String file;

  /** Byte offset of the input split in the file (text), or -1 when the row index is absolute. */
  long splitStart;

  /** 0-based line index within the split (text) or row index within the file (Parquet). */
  long index;

  static ParsedRow blank() {
    ParsedRow row = new ParsedRow();
    row.kind = BLANK;
    return row;
  }

  static ParsedRow good(String user, String item, float weight, long timestamp) {
    ParsedRow row = new ParsedRow();
    row.kind = GOOD;
    row.user = user;
    row.item = item;
    row.weight = weight;
    row.timestamp = timestamp;
    return row;
  }

  static ParsedRow bad(String problem, String file, long splitStart, long index) {
    ParsedRow row = new ParsedRow();
    row.kind = BAD;
    row.problem = problem;
    row.file = file;
    row.splitStart = splitStart;
    row.index = index;
    return row;
  }
}
