package org.solrpersonalize.solr.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.common.util.SimpleOrderedMap;
import org.apache.solr.handler.component.ResponseBuilder;
import org.apache.solr.handler.component.ShardDoc;
import org.apache.solr.handler.component.ShardRequest;
import org.apache.solr.handler.component.ShardResponse;
import org.solrpersonalize.format.VectorCodec;

/**
 * {@code pageClusters} and {@code pageCosineDistance} of a distributed request's merged page: each
 * shard sends, in its {@code personalization} section, the item factors and most likely cluster of
 * the documents of its own page ({@value #SHARD_PAGE}: {@code start}, {@code factors} (k), {@code
 * vectors} ({@link VectorCodec} bytes, k floats per document) and {@code clusters} (-1 for none, -2
 * without factors)); the coordinator measures the page it shows from the entries of its documents,
 * as one core measures its own ({@link PageDiversity}).
 */
public final class MergedPageDiversity {
  /** Entry of a shard's section with its page's factors; absent from the coordinator's response. */
  public static final String SHARD_PAGE = "shardPage";

  private static final int NO_FACTORS = -2;

  private MergedPageDiversity() {}

  /** A shard's {@value #SHARD_PAGE} entry for the page positions {@code start..} of {@code f}. */
  static SimpleOrderedMap<Object> shardEntry(WindowFactors f, int start, int size, int factors) {
    List<Integer> clusters = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      clusters.add(f.hasFactors[i] ? f.cluster[i] : NO_FACTORS);
    }
    SimpleOrderedMap<Object> out = new SimpleOrderedMap<>();
    out.add("start", start);
    out.add("factors", factors);
    out.add("vectors", VectorCodec.encode(f.vectors, 0, size * factors));
    out.add("clusters", clusters);
    return out;
  }

  /**
   * Sets {@code report}'s page figures from the shards' entries for the coordinator's page ({@code
   * rb}'s merged ids); leaves them unset when no shard sent one (an older plugin on the shards).
   */
  public static void report(ResponseBuilder rb, ShardRequest sreq, PersonalizationReport report) {
    Map<String, NamedList<?>> pages = new HashMap<>();
    int factors = -1;
    for (ShardResponse shard : sreq.responses) {
      NamedList<?> rsp =
          shard.getSolrResponse() == null ? null : shard.getSolrResponse().getResponse();
      if (rsp != null
          && rsp.get("personalization") instanceof NamedList<?> section
          && section.get(SHARD_PAGE) instanceof NamedList<?> page
          && page.get("factors") instanceof Number k) {
        pages.put(shard.getShard(), page);
        factors = k.intValue();
      }
    }
    if (pages.isEmpty() || rb.resultIds == null) {
      return;
    }
    List<ShardDoc> docs = new ArrayList<>(rb.resultIds.values());
    docs.sort(Comparator.comparingInt(d -> d.positionInResponse));
    int n = Math.min(docs.size(), PageDiversity.MAX_MEASURED);
    float[] vectors = new float[n * factors];
    boolean[] has = new boolean[n];
    int[] clusters = new int[n];
    for (int p = 0; p < n; p++) {
      ShardDoc doc = docs.get(p);
      clusters[p] = -1;
      NamedList<?> page = pages.get(doc.shard);
      if (page == null
          || !(page.get("vectors") instanceof byte[] bytes)
          || !(page.get("clusters") instanceof List<?> ofShard)
          || !(page.get("start") instanceof Number start)
          || !(page.get("factors") instanceof Number k)
          || k.intValue() != factors) {
        continue;
      }
      int i = doc.orderInShard - start.intValue();
      if (i < 0 || i >= ofShard.size() || !(ofShard.get(i) instanceof Number c)) {
        continue; // not on the shard's page (an interleaved page can reach further)
      }
      if (c.intValue() == NO_FACTORS) {
        continue;
      }
      has[p] = true;
      clusters[p] = c.intValue();
      for (int j = 0; j < factors; j++) {
        vectors[p * factors + j] = VectorCodec.get(bytes, 0, i * factors + j);
      }
    }
    int[] identity = new int[n];
    for (int p = 0; p < n; p++) {
      identity[p] = p;
    }
    DiversitySelection.Window window =
        new DiversitySelection.Window(n, factors, new double[n], vectors, has, clusters);
    WindowDiversity.report(PageDiversity.of(window, identity, n), report);
  }
}
