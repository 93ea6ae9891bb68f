package org.solrpersonalize.trainer.data;

/** The fields of one input line, reused from line to line. */
final class ParsedLine {
  /** Marks a line without a timestamp. */
  static final long NO_TIMESTAMP = Long.MIN_VALUE;

  String user;
  String item;
  float weight;
  long timestamp;

  void reset() {
    user = null;
    item = null;
    weight = 1f;
    timestamp = NO_TIMESTAMP;
  }
}
