package org.solrpersonalize.solr.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
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
 * @param diversity how {@code diversity} or {@code maxPerCluster} moved the document; null when
 *     they did not
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
    Window window,
    DiversityStep diversity) {

  /**
   * A document that {@link DiversitySelection} placed elsewhere than its rank by score.
   *
   * @param position its position in the window, from 0
   * @param rank its position by reranked score, from 0
   * @param lambda the request's {@code diversity}
   * @param maxPerCluster the request's cap, {@link DiversitySelection#NO_CAP} for none
   * @param pageRows the page length the cap counts in
   * @param cluster the document's most likely cluster, -1 for none
   * @param step how its position was filled; null past the request's page, where the documents not
   *     placed keep their score order
   */
  record DiversityStep(
      int position,
      int rank,
      double lambda,
      int maxPerCluster,
      int pageRows,
      int cluster,
      DiversitySelection.Step step) {}

  /** This explanation with the diversity step that moved the document. */
  RerankExplanation withDiversity(DiversityStep step) {
    return new RerankExplanation(
        score,
        hasFactors,
        rawText,
        text,
        rawDot,
        dot,
        clusterll,
        populationLogDensity,
        cluster,
        window,
        step);
  }

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
        factorPart(
            window.hasVector(),
            "dot: no part, the profile has no user vector",
            "dot",
            "dotWeight",
            window.dotWeight(),
            "dot",
            dot,
            () -> Explanation.match(rawDot, "dot: the profile vector times the item factors"),
            window.dotStatistics());
    Explanation clusterPart =
        factorPart(
            window.hasAffinities(),
            "cluster: no part, the profile has no cluster affinities",
            "cluster",
            "clusterWeight",
            window.clusterWeight(),
            Double.isNaN(populationLogDensity) ? "clusterll" : "cluster lift",
            cluster,
            this::rawCluster,
            window.clusterStatistics());
    String description =
        String.format(
            Locale.ROOT,
            "personalize (model %s, norm %s), sum of:",
            window.modelId(),
            window.norm().parameterValue());
    Explanation sum = Explanation.match(score, description, textPart, dotPart, clusterPart);
    return diversity == null ? sum : diversified(sum);
  }

  /**
   * The score's tree below a node that says where diversity put the document, with the MMR value
   * that placed it: {@code (1 - diversity) * relevance - diversity * max similarity}.
   */
  private Explanation diversified(Explanation sum) {
    DiversityStep d = diversity;
    String moved =
        String.format(
            Locale.ROOT,
            "personalize: position %d of the window, rank %d by score, placed by diversity=%s%s:",
            d.position() + 1,
            d.rank() + 1,
            d.lambda(),
            d.maxPerCluster() == DiversitySelection.NO_CAP
                ? ""
                : " and maxPerCluster=" + d.maxPerCluster());
    if (d.step() == null) {
      return Explanation.match(
          score,
          moved,
          sum,
          Explanation.match(
              0.0, "diversity: past the page, the documents not placed keep their order by score"));
    }
    DiversitySelection.Step s = d.step();
    java.util.List<Explanation> details = new ArrayList<>();
    details.add(Explanation.match(d.lambda(), "diversity"));
    details.add(
        Explanation.match(
            s.relevance(),
            String.format(
                Locale.ROOT,
                "relevance: the score min-max scaled over the candidates, the window's best %d",
                DiversitySelection.CANDIDATES)));
    details.add(
        Explanation.match(
            s.maxSimilarity(),
            String.format(
                Locale.ROOT,
                "max similarity: the highest cosine similarity of the item factors to the %d"
                    + " documents placed before it (0 for none, or without factors)",
                d.position())));
    if (d.maxPerCluster() != DiversitySelection.NO_CAP) {
      details.add(
          Explanation.match(
              d.cluster(),
              String.format(
                  Locale.ROOT,
                  "cluster: the item's most likely mixture component (-1: none), at most %d per"
                      + " page of %d%s",
                  d.maxPerCluster(),
                  d.pageRows(),
                  s.capRelaxed()
                      ? "; every remaining document's cluster had reached it on this page"
                      : "")));
    }
    Explanation mmr =
        Explanation.match(
            s.value(),
            "diversity: (1 - diversity) * relevance - diversity * max similarity, the highest"
                + " of the remaining documents",
            details);
    return Explanation.match(score, moved, sum, mmr);
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

  /**
   * A part read from the item factors: 0 with {@code absent} where the profile lacks what it needs,
   * the neutral value where the item has no factors, else the normalized {@code raw} value.
   */
  private Explanation factorPart(
      boolean present,
      String absent,
      String part,
      String weightName,
      double weight,
      String valueName,
      double value,
      Supplier<Explanation> raw,
      WindowNormalization.Statistics statistics) {
    if (!present) {
      return Explanation.match(0.0, absent);
    }
    Labeled normalized =
        hasFactors
            ? normalized(valueName, value, raw.get(), statistics)
            : neutral(valueName, value);
    return part(part, weightName, weight, normalized);
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
