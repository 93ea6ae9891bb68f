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

  private ParsedRow(
      byte kind,
      String user,
      String item,
      float weight,
      long timestamp,
      String problem,
      String file,
      long splitStart,
      long index) {
    this.kind = kind;
    this.user = user;
    this.item = item;
    this.weight = weight;
    this.timestamp = timestamp;
    this.problem = problem;
    this.file = file;
    this.splitStart = splitStart;
    this.index = index;
  }

  static ParsedRow blank() {
    return new ParsedRow(BLANK, null, null, 0, 0, null, null, 0, 0);
  }

  static ParsedRow good(String user, String item, float weight, long timestamp) {
    return new ParsedRow(GOOD, user, item, weight, timestamp, null, null, 0, 0);
  }

  static ParsedRow bad(String problem, String file, long splitStart, long index) {
    return new ParsedRow(BAD, null, null, 0, 0, problem, file, splitStart, index);
  }
}
