package org.solrpersonalize.trainer.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses a timestamp into epoch milliseconds. Accepted: epoch seconds or milliseconds (a number
 * below 10^11 is taken as seconds, which covers dates up to the year 5138; larger ones as
 * milliseconds, which covers dates from March 1973), optionally with a fraction; ISO-8601 instants
 * ({@code 2024-05-01T10:00:00Z}), offset date-times, local date-times and dates (taken as UTC).
 */
final class TimestampParser {
  static final long SECONDS_LIMIT = 100_000_000_000L;

  private TimestampParser() {}

  /**
   * @return epoch milliseconds
   * @throws IllegalArgumentException with the reason
   */
  static long parse(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty timestamp");
    }
    char first = text.charAt(0);
    if (Character.isDigit(first) && isNumber(text)) {
      double value = Double.parseDouble(text);
      return value < SECONDS_LIMIT ? Math.round(value * 1000.0) : Math.round(value);
    }
    try {
      if (text.indexOf('T') < 0 && text.indexOf(' ') < 0) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      String iso = text.replace(' ', 'T');
      char last = iso.charAt(iso.length() - 1);
      if (last == 'Z' || last == 'z') {
        return Instant.parse(iso.toUpperCase(java.util.Locale.ROOT)).toEpochMilli();
      }
      if (hasOffset(iso)) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "timestamp '" + text + "' is neither epoch seconds/milliseconds nor ISO-8601");
    }
  }

  private static boolean isNumber(String text) {
    int dots = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.') {
        dots++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots <= 1;
  }

  private static boolean hasOffset(String iso) {
    int t = iso.indexOf('T');
    return iso.indexOf('+', t) > 0 || iso.indexOf('-', t) > 0;
  }
}
