package org.solrpersonalize.trainer.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A model's holdout figures beside the popularity baseline's, and for rating models the RMSE
 * beside the RMSE of predicting the training mean. Serialized as is to JSON, for example:
 *
 * <pre>{@code
 * {"model":"implicit-als","split":"random","holdout":0.2,"seed":42,
 *  "ranking":{"k":10,"users":1950,"precision":0.081,...},
 *  "popularity":{"k":10,"users":1950,"precision":0.032,...},
 *  "rmse":null,"meanRmse":null}
 * }</pre>
 */
public record EvaluationReport(
    String model,
    String split,
    double holdout,
    long seed,
    RankingReport ranking,
    RankingReport popularity,
    Double rmse,
    Double meanRmse) {

  /** Flat metrics for the manifest: {@code ndcg@10}, {@code popularity.ndcg@10}, {@code rmse}... */
  public Map<String, Double> asMetrics() {
    Map<String, Double> out = new LinkedHashMap<>(ranking.asMetrics(""));
    out.putAll(popularity.asMetrics("popularity"));
    if (rmse != null) {
      out.put("rmse", rmse);
      out.put("mean.rmse", meanRmse);
    }
    return out;
  }

  /** A plain-text table, one metric a row, model beside baseline. */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    String header = String.format(Locale.ROOT, "%-14s %12s %12s%n", "metric", model, "popularity");
    sb.append(header);
    sb.append("-".repeat(header.length() - 1)).append('\n');
    int k = ranking.k();
    row(sb, "precision@" + k, ranking.precision(), popularity.precision());
    row(sb, "recall@" + k, ranking.recall(), popularity.recall());
    row(sb, "ndcg@" + k, ranking.ndcg(), popularity.ndcg());
    row(sb, "map@" + k, ranking.map(), popularity.map());
    row(sb, "hit_rate@" + k, ranking.hitRate(), popularity.hitRate());
    row(sb, "coverage@" + k, ranking.coverage(), popularity.coverage());
    if (rmse != null) {
      sb.append(
          String.format(
              Locale.ROOT, "%-14s %12.4f %12.4f  (baseline: training mean)%n", "rmse", rmse,
              meanRmse));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%d users evaluated, split %s, holdout %.2f, seed %d%n",
            ranking.users(),
            split,
            holdout,
            seed));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, double value, double baseline) {
    sb.append(String.format(Locale.ROOT, "%-14s %12.4f %12.4f%n", name, value, baseline));
  }
}
