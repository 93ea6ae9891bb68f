package org.solrpersonalize.trainer.tuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the tuning did: every point tried with its validation scores, the chosen values and the cost
 * in fits, or why it did not tune. Printed by {@code train} as a table; its figures go into the
 * manifest ({@link #hyperparameters}, {@link #metrics}).
 *
 * @param outcome {@code tuned}, or {@code skipped: <reason>} (the defaults were used)
 * @param axes names of the searched hyperparameters, in point order
 * @param points every point tried: its values (in axis order) and scores
 * @param chosen the chosen value per axis name; empty when skipped
 * @param metric the figure maximized, e.g. {@code ndcg@10}
 * @param score the chosen point's validation score after all iterations (NaN when skipped)
 * @param fitsSpent ALS iterations of the search divided by a fit's, plus the final fit
 * @param budget fits allowed, the final one included
 */
public record TuningReport(
    String outcome,
    List<String> axes,
    List<TriedPoint> points,
    Map<String, Object> chosen,
    String metric,
    double score,
    double fitsSpent,
    int budget) {

  /**
   * @param values one per axis
   * @param iterations trained before the point was dropped or chosen
   * @param rungScore validation score after the rung (a third of the iterations)
   * @param fullScore after all iterations; NaN when stopped early
   */
  public record TriedPoint(
      List<Object> values, int iterations, double rungScore, double fullScore) {}

  public static TuningReport skipped(String reason, String metric, int budget) {
    return new TuningReport(
        "skipped: " + reason, List.of(), List.of(), Map.of(), metric, Double.NaN, 1, budget);
  }

  public boolean tuned() {
    return !chosen.isEmpty();
  }

  /** For the manifest: {@code tuning}, {@code tuningFits}, {@code tuningBudget}, ... */
  public Map<String, Object> hyperparameters() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tuning", outcome);
    if (tuned()) {
      out.put("tuningMetric", metric);
      out.put("tuningPoints", points.size());
      out.put("tuningFits", Math.round(fitsSpent * 100) / 100.0);
      out.put("tuningBudget", budget);
    }
    return out;
  }

  /** For the manifest: {@code validation.ndcg@10} of the chosen point. */
  public Map<String, Double> metrics() {
    return tuned() ? Map.of("validation." + metric, score) : Map.of();
  }

  /** One row per point tried, the chosen one marked. */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    if (!tuned()) {
      return sb.append("tuning: ").append(outcome).append('\n').toString();
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "tuning: %d points, %.2f fits of %d (the final fit included), by validation %s%n",
            points.size(),
            fitsSpent,
            budget,
            metric));
    for (String axis : axes) {
      sb.append(String.format(Locale.ROOT, "%15s", axis));
    }
    sb.append(String.format(Locale.ROOT, "%11s %10s %10s%n", "iterations", "early", "full"));
    for (TriedPoint p : points) {
      for (Object v : p.values()) {
        sb.append(String.format(Locale.ROOT, "%15s", v));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "%11d %10.4f %10s%s%n",
              p.iterations(),
              p.rungScore(),
              Double.isNaN(p.fullScore()) ? "-" : String.format(Locale.ROOT, "%.4f", p.fullScore()),
              chosenValues().equals(p.values()) ? "  <- chosen" : ""));
    }
    return sb.toString();
  }

  private List<Object> chosenValues() {
    return List.copyOf(chosen.values());
  }
}
