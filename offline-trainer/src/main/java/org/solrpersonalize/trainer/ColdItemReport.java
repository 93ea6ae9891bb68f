package org.solrpersonalize.trainer;

import java.util.Locale;
import java.util.Map;

/**
 * What {@link ColdItemEvaluation} measured, serialized as is to JSON:
 *
 * <pre>{@code
 * {"fraction":0.1,"seed":42,"heldOutItems":907,"users":512,"at":10,"ndcg":0.071,
 *  "randomNdcg":0.012,"categoryPopularityNdcg":0.034,"content":{"contentRegularization":3.0,...}}
 * }</pre>
 *
 * @param heldOutItems items held out entirely and ranked by their content-predicted factors
 * @param users users with training interactions who touched a held-out item
 * @param ndcg mean NDCG@at of the content-predicted factors
 * @param randomNdcg mean NDCG@at of a seeded random order
 * @param categoryPopularityNdcg mean NDCG@at of category popularity; null without a categorical
 *     field
 * @param content the content map's manifest entries (features, lambda, validation errors)
 */
public record ColdItemReport(
    double fraction,
    long seed,
    int heldOutItems,
    int users,
    int at,
    double ndcg,
    double randomNdcg,
    Double categoryPopularityNdcg,
    Map<String, Object> content) {

  /** A plain-text table: the content map beside the baselines. */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "cold items: %d held out (%.0f%%, seed %d), %d users%n",
            heldOutItems,
            fraction * 100,
            seed,
            users));
    sb.append(String.format(Locale.ROOT, "%-22s %10s%n", "ranking", "ndcg@" + at));
    sb.append(String.format(Locale.ROOT, "%-22s %10.4f%n", "content factors", ndcg));
    sb.append(String.format(Locale.ROOT, "%-22s %10.4f%n", "random order", randomNdcg));
    if (categoryPopularityNdcg != null) {
      sb.append(
          String.format(
              Locale.ROOT, "%-22s %10.4f%n", "category popularity", categoryPopularityNdcg));
    }
    for (Map.Entry<String, Object> e : content.entrySet()) {
      sb.append(String.format(Locale.ROOT, "%-22s %s%n", e.getKey(), e.getValue()));
    }
    return sb.toString();
  }
}
