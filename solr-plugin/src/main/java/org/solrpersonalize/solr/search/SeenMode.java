package org.solrpersonalize.solr.search;

import java.util.Locale;

/**
 * What {@code rq={!personalize seen=...}} does with the items the user has seen (the profile's most
 * recent items, or an {@code items=} session's items).
 */
public enum SeenMode {
  /** Seen items rank like any other (the default). */
  KEEP,
  /** Seen items are not results: left out of the search itself, so numFound and paging agree. */
  EXCLUDE,
  /** Seen items of the window follow its unseen ones, each group in its reranked order. */
  DEMOTE;

  /** The request's value, lower case. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for anything but {@code keep}, {@code exclude}, {@code demote}
   */
  public static SeenMode parse(String value) {
    for (SeenMode mode : values()) {
      if (mode.value().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(value);
  }
}
