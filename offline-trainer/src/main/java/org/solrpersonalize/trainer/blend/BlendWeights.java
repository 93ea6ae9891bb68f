package org.solrpersonalize.trainer.blend;

import java.util.Locale;
import org.solrpersonalize.trainer.clicks.ShownDocument;

/**
 * The rerank's weights, as the plugin combines the normalized parts: {@code score = textWeight *
 * text.normalized + dotWeight * dot.normalized + clusterWeight * cluster.normalized}.
 */
public record BlendWeights(double textWeight, double dotWeight, double clusterWeight) {
  /** The plugin's defaults ({@code textWeight=1 dotWeight=1 clusterWeight=0.5}). */
  public static final BlendWeights PLUGIN_DEFAULTS = new BlendWeights(1, 1, 0.5);

  public BlendWeights {
    if (!Double.isFinite(textWeight)
        || !Double.isFinite(dotWeight)
        || !Double.isFinite(clusterWeight)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "weights must be finite, got textWeight=%s dotWeight=%s clusterWeight=%s",
              textWeight,
              dotWeight,
              clusterWeight));
    }
  }

  /** From {@code [text, dot, cluster]}. */
  static BlendWeights of(double[] w) {
    return new BlendWeights(w[0], w[1], w[2]);
  }

  double[] toArray() {
    return new double[] {textWeight, dotWeight, clusterWeight};
  }

  /**
   * Parses {@code textWeight=1,dotWeight=0.8,clusterWeight=0.3}; a weight left out keeps the
   * plugin's default.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static BlendWeights parse(String value) {
    double[] w = PLUGIN_DEFAULTS.toArray();
    for (String entry : value.split(",")) {
      String[] kv = entry.split("=", 2);
      String name = kv[0].trim();
      int index =
          switch (name) {
            case "textWeight" -> 0;
            case "dotWeight" -> 1;
            case "clusterWeight" -> 2;
            default -> -1;
          };
      if (index < 0 || kv.length != 2) {
        throw new IllegalArgumentException(
            "expected textWeight=X,dotWeight=Y,clusterWeight=Z, got '" + entry.trim() + "'");
      }
      try {
        w[index] = Double.parseDouble(kv[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a number, got '" + kv[1].trim() + "'");
      }
    }
    return of(w);
  }

  /** The score the plugin gives a document with these weights (its parts must be logged). */
  public double score(ShownDocument doc) {
    return textWeight * doc.text().normalized()
        + dotWeight * doc.dot().normalized()
        + clusterWeight * doc.cluster().normalized();
  }

  /** The same ranking with the sum of absolute weights equal to {@code other}'s. */
  public BlendWeights scaledLike(BlendWeights other) {
    double mine = Math.abs(textWeight) + Math.abs(dotWeight) + Math.abs(clusterWeight);
    double theirs =
        Math.abs(other.textWeight) + Math.abs(other.dotWeight) + Math.abs(other.clusterWeight);
    if (mine == 0 || theirs == 0) {
      return this;
    }
    double f = theirs / mine;
    return new BlendWeights(textWeight * f, dotWeight * f, clusterWeight * f);
  }

  /** As local parameters of {@code rq}: {@code textWeight=1.2 dotWeight=0.8 clusterWeight=0.3}. */
  public String asRequestParameters() {
    return String.format(
        Locale.ROOT,
        "textWeight=%.4g dotWeight=%.4g clusterWeight=%.4g",
        textWeight,
        dotWeight,
        clusterWeight);
  }
}
