package org.solrpersonalize.trainer.gmm;

import java.util.Map;

/** Chooses the number of components by the Bayesian information criterion. */
public final class BicModelSelection {
  private BicModelSelection() {}

  /** The chosen model and the BIC of every candidate K (lower is better). */
  public record Result(GaussianMixtureModel model, Map<Integer, Double> bicByK) {}

  public static GaussianMixtureModel select(
      float[] data, int n, int d, int[] candidateKs, GmmConfig base, EmProgress progress) {
    return selectWithScores(data, n, d, candidateKs, base, progress).model();
  }

  public static Result selectWithScores(
      float[] data, int n, int d, int[] candidateKs, GmmConfig base, EmProgress progress) {
    throw new UnsupportedOperationException("not yet");
  }
}
