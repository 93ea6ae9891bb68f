package org.solrpersonalize.trainer.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A model's holdout figures beside the popularity baseline's (and item-kNN's when computed), and
 * for rating models the RMSE beside the RMSE of predicting the training mean. Serialized as is to
 * JSON, for example:
 *
 * <pre>{@code
 * {"model":"implicit-als","split":"random","holdout":0.2,"seed":42,
 *  "ranking":{"k":10,"users":1950,"precision":0.081,...,
 *             "byActivity":[{"events":"1-5","users":400,"precision":0.05,...},...]},
 *  "popularity":{"k":10,"users":1950,"precision":0.032,...},
 *  "itemKnn":{...},"rmse":null,"meanRmse":null}
 * }</pre>
 *
 * @param itemKnn null when not computed
 * @param rmse null for implicit models
 * @param meanRmse RMSE of predicting the training mean; null for implicit models
 */
public record EvaluationReport(
    String model,
    String split,
    double holdout,
    long seed,
    RankingReport ranking,
    RankingReport popularity,
    RankingReport itemKnn,
    Double rmse,
    Double meanRmse) {

  /** Flat metrics for the manifest: {@code ndcg@10}, {@code popularity.ndcg@10}, {@code rmse}... */
  public Map<String, Double> asMetrics() {
    Map<String, Double> out = new LinkedHashMap<>(ranking.asMetrics(""));
    out.putAll(popularity.asMetrics("popularity"));
    if (itemKnn != null) {
      out.putAll(itemKnn.asMetrics("item_knn"));
    }
    if (rmse != null) {
      out.put("rmse", rmse);
      out.put("mean.rmse", meanRmse);
    }
    return out;
  }

  /** A plain-text table, one metric a row, the model beside the baselines. */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    String header =
        String.format(
            Locale.ROOT,
            "%-14s %12s %12s%s%n",
            "metric",
            model,
            "popularity",
            itemKnn == null ? "" : String.format(Locale.ROOT, " %12s", "item-knn"));
    sb.append(header);
    sb.append("-".repeat(header.length() - 1)).append('\n');
    int at = ranking.at();
    row(sb, "precision@" + at, RankingReport::precision);
    row(sb, "recall@" + at, RankingReport::recall);
    row(sb, "ndcg@" + at, RankingReport::ndcg);
    row(sb, "map@" + at, RankingReport::map);
    row(sb, "hit_rate@" + at, RankingReport::hitRate);
    row(sb, "coverage@" + at, RankingReport::coverage);
    if (rmse != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-14s %12.4f %12.4f  (baseline: training mean)%n",
              "rmse",
              rmse,
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
    byActivity(sb, at);
    return sb.toString();
  }

  /** The metrics again for each range of training events per user: cold users in plain sight. */
  private void byActivity(StringBuilder sb, int at) {
    if (ranking.byActivity().isEmpty()) {
      return;
    }
    String header =
        String.format(
            Locale.ROOT,
            "%-6s %6s  %-14s %12s %12s%s%n",
            "events",
            "users",
            "metric",
            model,
            "popularity",
            itemKnn == null ? "" : String.format(Locale.ROOT, " %12s", "item-knn"));
    sb.append("\nby training events per user\n").append(header);
    sb.append("-".repeat(header.length() - 1)).append('\n');
    String[] names = {"precision@", "recall@", "ndcg@", "map@", "hit_rate@"};
    List<ToDoubleFunction<ActivityBucket>> metrics =
        List.of(
            ActivityBucket::precision,
            ActivityBucket::recall,
            ActivityBucket::ndcg,
            ActivityBucket::map,
            ActivityBucket::hitRate);
    for (int b = 0; b < ranking.byActivity().size(); b++) {
      ActivityBucket bucket = ranking.byActivity().get(b);
      if (bucket.users() == 0) {
        sb.append(String.format(Locale.ROOT, "%-6s %6d  (no users)%n", bucket.events(), 0));
        continue;
      }
      for (int m = 0; m < metrics.size(); m++) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%-6s %6s  %-14s",
                m == 0 ? bucket.events() : "",
                m == 0 ? String.valueOf(bucket.users()) : "",
                names[m] + at));
        for (RankingReport report : new RankingReport[] {ranking, popularity, itemKnn}) {
          if (report != null) {
            sb.append(
                String.format(
                    Locale.ROOT,
                    " %12.4f",
                    metrics.get(m).applyAsDouble(report.byActivity().get(b))));
          }
        }
        sb.append('\n');
      }
    }
  }

  private void row(
      StringBuilder sb, String name, java.util.function.ToDoubleFunction<RankingReport> metric) {
    sb.append(
        String.format(
            Locale.ROOT,
            "%-14s %12.4f %12.4f",
            name,
            metric.applyAsDouble(ranking),
            metric.applyAsDouble(popularity)));
    if (itemKnn != null) {
      sb.append(String.format(Locale.ROOT, " %12.4f", metric.applyAsDouble(itemKnn)));
    }
    sb.append('\n');
  }
}
