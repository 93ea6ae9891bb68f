package org.solrpersonalize.trainer.clicks;

/**
 * One part of a logged score, as the rerank saw it: {@code raw} before and {@code normalized} after
 * the window normalization; the score is {@code textWeight * text.normalized + dotWeight *
 * dot.normalized + clusterWeight * cluster.normalized}.
 */
public record ScorePart(double raw, double normalized) {
  public ScorePart {
    if (!Double.isFinite(raw) || !Double.isFinite(normalized)) {
      throw new IllegalArgumentException(
          "a score part must be finite, got raw " + raw + ", normalized " + normalized);
    }
  }
}
