package org.solrpersonalize.trainer.clicks;

import java.util.List;
import java.util.Set;

/**
 * One page shown to a user: the documents in the order shown and the ids clicked on it. Every
 * clicked id is one of the shown documents (the reader checks it).
 */
public record Impression(String user, String query, List<ShownDocument> docs, Set<String> clicks) {
  public Impression {
    docs = List.copyOf(docs);
    clicks = Set.copyOf(clicks);
  }

  public boolean clicked(ShownDocument doc) {
    return clicks.contains(doc.id());
  }
}
