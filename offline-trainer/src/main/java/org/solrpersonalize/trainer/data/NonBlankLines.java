package org.solrpersonalize.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The lines of a text that are not blank, each with its 1-based number in the text, for messages of
 * the form {@code file:line: reason} (click logs, demo catalogs, the header of a Spark input).
 *
 * <pre>{@code
 * NonBlankLines lines = new NonBlankLines(reader);
 * for (String line = lines.next(); line != null; line = lines.next()) {
 *   ... file + ":" + lines.number() + ": " + reason ...
 * }
 * }</pre>
 */
public final class NonBlankLines {
  private final BufferedReader reader;
  private long number;

  public NonBlankLines(BufferedReader reader) {
    this.reader = reader;
  }

  /** The next line that is not blank, or null at the end of the text. */
  public String next() throws IOException {
    String line;
    while ((line = reader.readLine()) != null) {
      number++;
      if (!line.isBlank()) {
        return line;
      }
    }
    return null;
  }

  /** The 1-based number of the line {@link #next} returned last. */
  public long number() {
    return number;
  }
}
