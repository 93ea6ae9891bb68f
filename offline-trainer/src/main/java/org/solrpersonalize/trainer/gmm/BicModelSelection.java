package org.solrpersonalize.trainer.gmm;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the number of components K by the Bayesian information criterion {@code BIC = -2 n
 * meanLogLikelihood + p log n} ({@code p} free parameters): one EM fit per candidate, lowest BIC
 * wins, ties to the smaller K.
 *
 * <p>Example ({@code --clusters auto}):
 *
 * <pre>{@code
 * BicModelSelection.Result r = BicModelSelection.selectWithScores(
 *     itemFactors, items, 64, new int[] {4, 8, 16, 32}, GmmConfig.defaults(8), EmProgress.NONE);
 * r.bicByK();   // {4=-1.23e6, 8=-1.31e6, 16=-1.29e6, 32=-1.20e6}
 * r.model();    // the K=8 fit
 * }</pre>
 */
public final class BicModelSelection {
  private BicModelSelection() {}

  /**
   * The chosen model and the BIC of every candidate K (lower is better), ordered by K.
   *
   * @param model the fit with the lowest BIC
   * @param bicByK BIC per candidate K, read-only
   */
  public record Result(GaussianMixtureModel model, Map<Integer, Double> bicByK) {}

  /** The model with the lowest BIC; see {@link #selectWithScores}. */
  public static GaussianMixtureModel select(
      float[] data, int n, int d, int[] candidateKs, GmmConfig base, EmProgress progress) {
    return selectWithScores(data, n, d, candidateKs, base, progress).model();
  }

  /**
   * Fits {@code base} with each K of {@code candidateKs} (every other setting kept).
   *
   * @throws IllegalArgumentException if there is no candidate, or one is below 1 or above n
   */
  public static Result selectWithScores(
      float[] data, int n, int d, int[] candidateKs, GmmConfig base, EmProgress progress) {
    if (candidateKs == null || candidateKs.length == 0) {
      throw new IllegalArgumentException("candidateKs must name at least one K");
    }
    for (int K : candidateKs) {
      if (K < 1 || K > n) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "candidate K=%d is outside [1, n=%d]", K, n));
      }
    }
    Map<Integer, Double> bicByK = new TreeMap<>();
    GaussianMixtureModel best = null;
    double bestBic = Double.POSITIVE_INFINITY;
    int bestK = Integer.MAX_VALUE;
    for (int K : candidateKs) {
      if (bicByK.containsKey(K)) {
        continue;
      }
      GaussianMixtureModel model =
          GaussianMixtureEm.fit(data, n, d, base.withComponents(K), progress);
      // lowerBound is the training mean log-likelihood of the returned parameters exactly.
      double bic = GaussianMixtureModel.bic(model.lowerBound(), n, model.freeParameters());
      bicByK.put(K, bic);
      if (bic < bestBic || (bic == bestBic && K < bestK)) {
        best = model;
        bestBic = bic;
        bestK = K;
      }
    }
    return new Result(best, Collections.unmodifiableMap(bicByK));
  }
}
