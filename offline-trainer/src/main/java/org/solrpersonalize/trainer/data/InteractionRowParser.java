package org.solrpersonalize.trainer.data;

/**
 * The parsing API the Spark engine shares with the local trainer, for engines that read rows
 * themselves: the same {@code DelimitedLineParser}, {@code JsonLineParser} and weight, event and
 * timestamp checks as {@link InteractionLoader}, so a line is good or bad, and for the same reason,
 * on both engines.
 *
 * <p>The line parsers themselves stay package-private; this is the one public door to them. Not
 * thread-safe: one instance per partition.
 *
 * <pre>{@code
 * InteractionRowParser parser =
 *     InteractionRowParser.delimited("user,item,event", ',', LoadOptions.DEFAULT);
 * String problem = parser.parse("u1,i7,cart"); // null: parser.weight() is 3
 * }</pre>
 */
public final class InteractionRowParser {
  private final LineParser parser;
  private final EventWeights events;
  private final TimeDecay decay;
  private final ParsedLine line = new ParsedLine();

  private InteractionRowParser(LineParser parser, LoadOptions options) {
    this.parser = parser;
    this.events = options.events();
    this.decay = options.decay();
  }

  /**
   * Parser of CSV or TSV lines under {@code header}.
   *
   * @throws IllegalArgumentException naming the missing column or the bad header
   */
  public static InteractionRowParser delimited(String header, char delimiter, LoadOptions options) {
    return new InteractionRowParser(
        DelimitedLineParser.fromHeader(header, delimiter, options.columns(), options.events()),
        options);
  }

  /** Parser of JSON lines. */
  public static InteractionRowParser jsonLines(LoadOptions options) {
    return new InteractionRowParser(
        new JsonLineParser(options.columns(), options.events()), options);
  }

  /** Checker of columnar rows (Parquet): no line parser, only {@link #parseFields}. */
  public static InteractionRowParser columnar(LoadOptions options) {
    return new InteractionRowParser(null, options);
  }

  /**
   * Parses one non-blank line.
   *
   * @return null when the line is good (read it with the accessors), else the reason it is bad,
   *     worded as the local loader words it
   */
  public String parse(String text) {
    line.reset();
    return decayProblem(parser.parse(text, line));
  }

  /** With a time decay, an event of weight > 0 needs a time, not after {@code --as-of}. */
  private String decayProblem(String problem) {
    if (problem == null && decay != null && line.weight != 0f) {
      return decay.problem(line.timestamp);
    }
    return problem;
  }

  /**
   * Checks one row of typed columns, by the rules of a line: a weight wins over an event, without
   * either the row weighs 1; ids must not be empty.
   *
   * @param weight the weight as text, or null when the row has none
   * @param event the event name, or null when the row has none
   * @param timestamp the time as text (epoch seconds or milliseconds, ISO-8601), or null
   * @return null when the row is good, else the reason
   */
  public String parseFields(
      String user, String item, String weight, String event, String timestamp) {
    line.reset();
    if (user == null || user.isEmpty()) {
      return "empty user id";
    }
    if (item == null || item.isEmpty()) {
      return "empty item id";
    }
    line.user = user;
    line.item = item;
    String problem = null;
    if (weight != null) {
      problem = LineParser.parseWeight(weight, line);
    } else if (event != null) {
      problem = LineParser.mapEvent(event, events, line);
    }
    if (problem == null && timestamp != null) {
      problem = LineParser.parseTimestamp(timestamp, line);
    }
    return decayProblem(problem);
  }

  public String user() {
    return line.user;
  }

  public String item() {
    return line.item;
  }

  public float weight() {
    return line.weight;
  }

  /** Epoch milliseconds, or {@link Interactions#NO_TIMESTAMP} when the row has no time. */
  public long timestamp() {
    return line.timestamp;
  }
}
