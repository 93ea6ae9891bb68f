package org.solrpersonalize.trainer.data;

/** Parses one non-blank data line of a given format. */
interface LineParser {
  /**
   * The largest weight of one line. The float conjugate-gradient solver gives NaN factors once a
   * confidence {@code 1 + alpha * w} passes about 5e10 (measured on 300 x 200 random data, k = 32,
   * alpha 5): a weight of 1e20 is a unit mistake, refused where its line is known.
   */
  float MAX_WEIGHT = 1e8f;

  /**
   * Fills {@code out} from {@code line}.
   *
   * @return null on success, otherwise why the line is bad (without file and line number)
   */
  String parse(String line, ParsedLine out);

  /**
   * Checks a weight and the event mapping shared by all formats.
   *
   * @return null on success, otherwise the reason
   */
  static String parseWeight(String text, ParsedLine out) {
    float w;
    try {
      w = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      return "weight '" + text + "' is not a number";
    }
    return checkWeight(w, text, out);
  }

  static String checkWeight(float w, String text, ParsedLine out) {
    if (!Float.isFinite(w)) {
      return "weight '" + text + "' is not finite";
    }
    if (w < 0) {
      return "weight '" + text + "' is negative";
    }
    if (w > MAX_WEIGHT) {
      return "weight '"
          + text
          + "' is above 1e8, the largest weight the trainer takes (use a smaller unit, or"
          + " --confidence log)";
    }
    out.weight = w;
    return null;
  }

  static String mapEvent(String event, EventWeights events, ParsedLine out) {
    if (event.isEmpty()) {
      return "empty event";
    }
    float w = events.weightOf(event);
    if (Float.isNaN(w)) {
      return "unknown event '" + event + "' (known: " + events.knownEvents() + ")";
    }
    out.weight = w;
    return null;
  }

  static String parseTimestamp(String text, ParsedLine out) {
    if (text.isEmpty()) {
      return null; // optional: the line simply has no time
    }
    try {
      out.timestamp = TimestampParser.parse(text);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
