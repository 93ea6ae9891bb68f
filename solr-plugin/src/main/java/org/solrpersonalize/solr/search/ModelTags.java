package org.solrpersonalize.solr.search;

import java.util.concurrent.ConcurrentHashMap;
import org.solrpersonalize.format.ModelFields;

/**
 * {@link ModelFields#modelTag} of the few model ids requests use (the active model and the
 * candidate), remembered: the SHA-256 behind a tag took about 5% of an interleaved rerank's samples
 * (JFR) when hashed again for each request and model.
 */
final class ModelTags {
  /** Ids remembered at most; more (many publishes in one JVM) start over. */
  private static final int MAX_IDS = 16;

  private static final ConcurrentHashMap<String, Long> TAGS = new ConcurrentHashMap<>();

  private ModelTags() {}

  static long of(String modelId) {
    Long tag = TAGS.get(modelId);
    if (tag == null) {
      if (TAGS.size() >= MAX_IDS) {
        TAGS.clear();
      }
      tag = ModelFields.modelTag(modelId);
      TAGS.put(modelId, tag);
    }
    return tag;
  }
}
