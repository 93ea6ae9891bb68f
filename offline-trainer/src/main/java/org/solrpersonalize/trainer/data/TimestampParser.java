package org.solrpersonalize.trainer.data;

import java.time.DateTimeException;
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
 * Times outside the years 1 to 9999 are refused: ISO-8601 allows years of up to nine digits ({@code
 * +300000000-01-01}), whose milliseconds do not fit a long.
 */
final class TimestampParser {
  static final long SECONDS_LIMIT = 100_000_000_000L;

  /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z in epoch milliseconds. */
  static final long EARLIEST = -62_135_596_800_000L;

  static final long LATEST = 253_402_300_799_999L;

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
      return inRange(value < SECONDS_LIMIT ? value * 1000.0 : value, text);
    }
    try {
      if (text.indexOf('T') < 0 && text.indexOf(' ') < 0) {
        return inRange(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant(), text);
      }
      String iso = text.replace(' ', 'T');
      char last = iso.charAt(iso.length() - 1);
      if (last == 'Z' || last == 'z') {
        return inRange(Instant.parse(iso.toUpperCase(java.util.Locale.ROOT)), text);
      }
      if (hasOffset(iso)) {
        return inRange(OffsetDateTime.parse(iso).toInstant(), text);
      }
      return inRange(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC), text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "timestamp '" + text + "' is neither epoch seconds/milliseconds nor ISO-8601");
    } catch (DateTimeException e) {
      throw outOfRange(text);
    }
  }

  private static long inRange(Instant instant, String text) {
    // Compared in seconds first: toEpochMilli itself overflows for far years.
    long seconds = instant.getEpochSecond();
    if (seconds < EARLIEST / 1000 || seconds > LATEST / 1000) {
      throw outOfRange(text);
    }
    return instant.toEpochMilli();
  }

  private static long inRange(double millis, String text) {
    if (!(millis >= EARLIEST && millis <= LATEST)) {
      throw outOfRange(text);
    }
    return Math.round(millis);
  }

  private static IllegalArgumentException outOfRange(String text) {
    return new IllegalArgumentException("timestamp '" + text + "' is outside the years 1 to 9999");
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
