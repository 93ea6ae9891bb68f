package org.solrpersonalize.trainer.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mean ranking metrics at K over the users with test items (see {@link RankingMetrics}) and the
 * catalog coverage: the share of all items that appear in at least one user's top K.
 */
public record RankingReport(
    int k,
    int users,
    double precision,
    double recall,
    double ndcg,
    double map,
    double hitRate,
    double coverage) {

  /** Flat names as stored in the manifest, e.g. {@code ndcg@10}, prefixed when a prefix is given. */
  public Map<String, Double> asMetrics(String prefix) {
    String p = prefix == null || prefix.isEmpty() ? "" : prefix + ".";
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(p + "precision@" + k, precision);
    out.put(p + "recall@" + k, recall);
    out.put(p + "ndcg@" + k, ndcg);
    out.put(p + "map@" + k, map);
    out.put(p + "hit_rate@" + k, hitRate);
    out.put(p + "coverage@" + k, coverage);
    return out;
  }
}
