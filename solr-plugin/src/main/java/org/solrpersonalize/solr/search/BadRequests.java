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
}
