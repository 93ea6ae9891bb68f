package org.solrpersonalize.trainer.data;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a user or item id must be to survive the model directory and Solr: no line break (the id
 * files hold one id a line, so {@code "u\n1"} would add a line the manifest does not count), valid
 * Unicode (a lone surrogate from a JSON escape such as {@code "\ud800"} cannot be written as
 * UTF-8), and at most {@value #MAX_ID_BYTES} bytes in UTF-8, Solr's (Lucene's) limit for one
 * indexed term, beyond which every publish would fail.
 */
final class IdRules {
  /** Lucene's {@code IndexWriter.MAX_TERM_LENGTH}: the longest term Solr indexes, in bytes. */
  static final int MAX_ID_BYTES = 32_766;

  private IdRules() {}

  /**
   * @param role {@code user} or {@code item}
   * @return null when the id is usable, otherwise why not
   */
  static String check(String id, String role) {
    int length = id.length();
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (c == '\n' || c == '\r') {
        return String.format(
            Locale.ROOT,
            "%s id contains a line break at character %d (ids are stored one per line)",
            role,
            i + 1);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format(
            Locale.ROOT,
            "%s id contains a lone surrogate U+%04X at character %d (not valid Unicode)",
            role,
            (int) c,
            i + 1);
      }
    }
    // A char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars): short ids need no count.
    if (length > MAX_ID_BYTES / 3) {
      int bytes = id.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_ID_BYTES) {
        return String.format(
            Locale.ROOT,
            "%s id is %d bytes in UTF-8, above Solr's limit of %d bytes for a term",
            role,
            bytes,
            MAX_ID_BYTES);
      }
    }
    return null;
  }
}
