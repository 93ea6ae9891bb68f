package org.solrpersonalize.solr.search;

import java.util.Locale;
import org.apache.solr.common.SolrException;

/**
 * The HTTP 400 every malformed request gets: a message that names the parameter, the bad value and
 * what is allowed, e.g. {@code personalize: reRankDocs must be an integer from 1 to 10000, got
 * '0'}. One place, so every parser, function and field type answers alike.
 */
public final class BadRequests {
  private BadRequests() {}

  /** A 400 with this exact message. */
  public static SolrException of(String message) {
    return new SolrException(SolrException.ErrorCode.BAD_REQUEST, message);
  }

  /** A 400 with {@code String.format(Locale.ROOT, pattern, args)} as its message. */
  public static SolrException formatted(String pattern, Object... args) {
    return of(String.format(Locale.ROOT, pattern, args));
  }

  /** {@code value} as a message quotes it: cut after 32 characters, so a huge value stays short. */
  public static String shown(String value) {
    return value.length() > 32 ? value.substring(0, 32) + "..." : value;
  }

  /**
   * {@code value} as an integer from 1 to {@code max}; else a 400 whose message is {@code pattern}
   * formatted with {@code max} and the {@link #shown} value, e.g. {@code "personalize: reRankDocs
   * must be an integer from 1 to %d, got '%s'"}.
   */
  public static long integerFromOne(String value, long max, String pattern) {
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      parsed = -1;
    }
    if (parsed < 1 || parsed > max) {
      throw formatted(pattern, max, shown(value));
    }
    return parsed;
  }
}
