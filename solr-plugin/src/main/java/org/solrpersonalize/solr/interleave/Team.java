package org.solrpersonalize.solr.interleave;

import java.util.Locale;

/** The model whose ranking put a document on an interleaved page. */
public enum Team {
  ACTIVE,
  CANDIDATE;

  /** The name responses use: {@code active} or {@code candidate}. */
  public String parameterValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
