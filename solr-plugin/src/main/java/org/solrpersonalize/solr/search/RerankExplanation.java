package org.solrpersonalize.solr.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.search.Explanation;

/**
 * The {@code debugQuery} explanation of one reranked document, as a tree in the manner of Solr
 * LTR's {@code LinearModel.explain}: the final score, one node per part ({@code weight * normalized
 * part}), and below each normalized part its raw value and the window statistics the normalization
 * used. The first pass's own explanation hangs below the raw text score. With {@code
 * debug.explain.structured=true} the response carries the tree as JSON:
 *
 * <pre>{@code
 * {"value":1.52, "description":"personalize (model m1, norm zscore), sum of:", "details":[
 *   {"value":0.0, "description":"text: textWeight * zscore(text), product of:", "details":[
 *     {"value":1.0, "description":"textWeight"},
 *     {"value":0.0, "description":"zscore(text) = (raw - mean) / stddev over the window, 0 when
 *         stddev = 0", "details":[
 *       {"value":0.37, "description":"text: first-pass score", "details":[...]},
 *       {"value":0.37, "description":"window mean of text over 6 documents"},
 *       {"value":0.0, "description":"window stddev of text over 6 documents"}]}]},
 *   {"value":1.12, "description":"dot: dotWeight * zscore(dot), product of:", ...},
 *   {"value":0.0, "description":"cluster: clusterWeight * zscore(cluster lift), product of:",
 *     ...}]}
 * }</pre>
 *
 * @param score the reranked score, as the response shows it
 * @param hasFactors whether the document has item values of the model
 * @param rawText first-pass score
 * @param text normalized text part
 * @param rawDot profile vector times item factors (0 without factors)
 * @param dot normalized dot part
 * @param clusterll {@code log sum_k theta_k exp(l_k)} of the user's affinities
 * @param populationLogDensity {@code log sum_k pi_k exp(l_k)}; NaN when the lift is clusterll alone
 * @param cluster normalized cluster part
 */
record RerankExplanation(
    float score,
    boolean hasFactors,
    double rawText,
    double text,
    double rawDot,
    double dot,
    double clusterll,
    double populationLogDensity,
    double cluster,
    Window window) {

  /**
   * What every document of one rescored window shares: the request's weights (0 for a part the
   * profile lacks), the normalization and its statistics per part.
   *
   * @param dotWeight 0 when the profile has no vector
   * @param clusterWeight 0 when the profile has no cluster affinities
   */
  record Window(
      String modelId,
      WindowNormalization norm,
      double textWeight,
      double dotWeight,
      double clusterWeight,
      boolean hasVector,
      boolean hasAffinities,
      WindowNormalization.Statistics textStatistics,
      WindowNormalization.Statistics dotStatistics,
      WindowNormalization.Statistics clusterStatistics) {}

  /** The tree, with {@code firstPass} (the main query's explanation) below the raw text score. */
  Explanation toExplanation(Explanation firstPass) {
    Explanation rawText = Explanation.match(this.rawText, "text: first-pass score", firstPass);
    Explanation textPart =
        part(
            "text",
            "textWeight",
            window.textWeight(),
            normalized("text", text, rawText, window.textStatistics()));
    Explanation dotPart =
        !window.hasVector()
            ? Explanation.match(0.0, "dot: no part, the profile has no user vector")
            : part(
                "dot",
                "dotWeight",
                window.dotWeight(),
                hasFactors
                    ? normalized(
                        "dot",
                        dot,
                        Explanation.match(rawDot, "dot: the profile vector times the item factors"),
                        window.dotStatistics())
                    : neutral("dot", dot));
    String clusterName = Double.isNaN(populationLogDensity) ? "clusterll" : "cluster lift";
    Explanation clusterPart =
        !window.hasAffinities()
            ? Explanation.match(0.0, "cluster: no part, the profile has no cluster affinities")
            : part(
                "cluster",
                "clusterWeight",
                window.clusterWeight(),
                hasFactors
                    ? normalized(clusterName, cluster, rawCluster(), window.clusterStatistics())
                    : neutral(clusterName, cluster));
    String description =
        String.format(
            Locale.ROOT,
            "personalize (model %s, norm %s), sum of:",
            window.modelId(),
            window.norm().parameterValue());
    return Explanation.match(score, description, textPart, dotPart, clusterPart);
  }

  private Explanation rawCluster() {
    Explanation ll =
        Explanation.match(
            clusterll,
            "clusterll: log sum_k theta_k exp(l_k), the item under the user's cluster affinities");
    if (Double.isNaN(populationLogDensity)) {
      return ll;
    }
    return Explanation.match(
        clusterll - populationLogDensity,
        "cluster lift: clusterll minus the population log-density, sum of:",
        ll,
        Explanation.match(
            -populationLogDensity,
            "minus log sum_k pi_k exp(l_k), the item under the model's mixture weights"));
  }

  /** {@code weight * normalized}; the normalized node's label starts its description. */
  private static Explanation part(
      String part, String weightName, double weight, Labeled normalized) {
    return Explanation.match(
        weight * normalized.node().getValue().doubleValue(),
        String.format(
            Locale.ROOT, "%s: %s * %s, product of:", part, weightName, normalized.label()),
        Explanation.match(weight, weightName),
        normalized.node());
  }

  /** A node and the short name of its value, e.g. {@code zscore(dot)}. */
  private record Labeled(String label, Explanation node) {}

  private Labeled normalized(
      String valueName, double value, Explanation raw, WindowNormalization.Statistics s) {
    List<Explanation> details = new ArrayList<>();
    details.add(raw);
    String how;
    switch (window.norm()) {
      case NONE -> how = "none(%s) = raw value";
      case MINMAX -> {
        how = "minmax(%s) = (raw - min) / (max - min) over the window, 0 when max = min";
        details.add(Explanation.match(s.min(), statistic("min", valueName, s)));
        details.add(Explanation.match(s.max(), statistic("max", valueName, s)));
      }
      default -> {
        how = "zscore(%s) = (raw - mean) / stddev over the window, 0 when stddev = 0";
        details.add(Explanation.match(s.mean(), statistic("mean", valueName, s)));
        details.add(Explanation.match(s.stddev(), statistic("stddev", valueName, s)));
      }
    }
    String label = window.norm().parameterValue() + "(" + valueName + ")";
    return new Labeled(
        label, Explanation.match(value, String.format(Locale.ROOT, how, valueName), details));
  }

  private static String statistic(String what, String valueName, WindowNormalization.Statistics s) {
    return String.format(
        Locale.ROOT, "window %s of %s over %d documents", what, valueName, s.count());
  }

  private Labeled neutral(String valueName, double value) {
    return new Labeled(
        "neutral " + valueName,
        Explanation.match(
            value,
            String.format(
                Locale.ROOT,
                "neutral %s: the document has no factors of model %s; mean %s(%s) of the window's"
                    + " documents that have them",
                valueName,
                window.modelId(),
                window.norm().parameterValue(),
                valueName)));
  }
}
