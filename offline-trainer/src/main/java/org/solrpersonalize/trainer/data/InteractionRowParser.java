package org.solrpersonalize.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;

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
    return check(parser.parse(text, line), line, decay);
  }

  /**
   * The checks every format shares, after the format's own parse: ids by {@link IdRules}, and with
   * a time decay an event of weight > 0 needs a time, not after {@code --as-of}.
   *
   * @return {@code parseProblem} when there is one, else null when the line is usable, else why not
   */
  static String check(String parseProblem, ParsedLine line, TimeDecay decay) {
    if (parseProblem != null) {
      return parseProblem;
    }
    String problem = IdRules.check(line.user, "user");
    if (problem == null) {
      problem = IdRules.check(line.item, "item");
    }
    if (problem == null && decay != null && line.weight != 0f) {
      problem = decay.problem(line.timestamp);
    }
    return problem;
  }

  /**
   * Whether the good line just parsed weighs 0 (a weight of 0, or an event mapped to 0): the local
   * loader drops it and counts it in {@link LoadSummary#zeroWeightDropped}, it is no interaction.
   */
  public boolean weighsZero() {
    return line.weight == 0f;
  }

  /** A line of a file and its 1-based number in the file. */
  public record NumberedLine(String text, long number) {}

  /**
   * The first non-blank line of an input file, read by the local loader's line rules (strict UTF-8,
   * a byte order mark skipped, at most 1 MiB): the line that tells a file's columns.
   *
   * @param name the file as messages name it
   * @return the line, or null when the file has none
   * @throws BadInputException as {@code name:line: reason} when that line cannot be read, which
   *     ends the local loader too: without it there is nothing to read the rest of the file by
   */
  public static NumberedLine firstLine(InputStream in, String name) throws IOException {
    try (Utf8LineReader reader = new Utf8LineReader(in, InteractionLoader.sha256())) {
      while (true) {
        String text;
        try {
          text = reader.next();
        } catch (CharacterCodingException | Utf8LineReader.LineTooLongException e) {
          throw new BadInputException(
              InteractionLoader.location(name, reader.lineNumber()) + unreadable(e));
        }
        if (text == null) {
          return null;
        }
        if (!text.isBlank()) {
          return new NumberedLine(text, reader.lineNumber());
        }
      }
    }
  }

  /** Why a line {@link Utf8LineReader} could not return is bad. */
  static String unreadable(IOException e) {
    return e instanceof CharacterCodingException ? "malformed UTF-8" : e.getMessage();
  }

  /**
   * Why a line of {@code bytes} bytes is refused before it is parsed, worded as the local loader
   * words it, or null when it is short enough.
   */
  public static String lengthProblem(long bytes) {
    return bytes > Utf8LineReader.MAX_LINE_BYTES
        ? new Utf8LineReader.LineTooLongException().getMessage()
        : null;
  }

  /**
   * Checks one row of typed columns, by the rules of a line: a weight wins over an event, without
   * either the row weighs 1; ids must not be empty and pass the same id rules (no line break, valid
   * Unicode, within Solr's term length).
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
    return check(problem, line, decay);
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
