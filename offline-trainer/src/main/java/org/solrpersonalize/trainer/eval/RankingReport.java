package org.solrpersonalize.trainer.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean ranking metrics at a cutoff over the users with test items (see {@link RankingMetrics}) and
 * the catalog coverage: the share of all items that appear in at least one user's top list.
 *
 * @param at the cutoff; {@code "k"} in JSON, the key reports have always had
 * @param byActivity the same metrics (but coverage) by training events per user, one entry per
 *     {@link ActivityBucket#EVENTS} range in order; their user counts sum to {@code users}
 */
public record RankingReport(
    @JsonProperty("k") int at,
    int users,
    double precision,
    double recall,
    double ndcg,
    double map,
    double hitRate,
    double coverage,
    List<ActivityBucket> byActivity) {

  public RankingReport {
    byActivity = byActivity == null ? List.of() : List.copyOf(byActivity);
  }

  /**
   * Flat names as stored in the manifest, e.g. {@code ndcg@10}, prefixed when a prefix is given.
   */
  public Map<String, Double> asMetrics(String prefix) {
    String p = prefix == null || prefix.isEmpty() ? "" : prefix + ".";
    Map<String, Double> out = new LinkedHashMap<>();
    out.put(p + "precision@" + at, precision);
    out.put(p + "recall@" + at, recall);
    out.put(p + "ndcg@" + at, ndcg);
    out.put(p + "map@" + at, map);
    out.put(p + "hit_rate@" + at, hitRate);
    out.put(p + "coverage@" + at, coverage);
    return out;
  }
}
