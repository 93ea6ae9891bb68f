package org.solrpersonalize.trainer.gmm;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.concurrent.RowBlocks;

/**
 * Fits a {@link GaussianMixtureModel} by expectation-maximisation.
 *
 * <p>Each run starts from the centres of {@link GmmConfig#init()} (seeded; k-means, as
 * scikit-learn's {@code init_params='kmeans'}, by default in the trainer), assigns every row to its
 * nearest centre and takes one M-step from that hard assignment. Then each iteration is one pass
 * over the rows that computes the responsibilities in log space (E-step) and, in the same pass, the
 * weighted sums of the next M-step. A run stops when the mean log-likelihood changes by less than
 * {@code tolerance}, or after {@code maxIterations} M-steps; {@code nInit} runs with different
 * seeds are made and the one with the highest final mean log-likelihood is kept.
 *
 * <p>The returned model's {@link GaussianMixtureModel#lowerBound()} is the mean log-likelihood of
 * its own parameters on the training data (the parameters evaluated last, not one M-step beyond),
 * so it equals {@code model.meanLogLikelihood(data, n)} exactly.
 *
 * <p>Degenerate cases: fewer rows than components is an error; a component left with less than one
 * row's worth of responsibility after an E-step is re-seeded on the row the current model explains
 * worst, with the average covariance of the other components (see {@code
 * SufficientStatistics#maximize}), so K components always come back. A covariance is kept positive
 * definite by {@code regCovar} on its diagonal; with {@code regCovar = 0} a collapsing component
 * fails with a message saying so.
 *
 * <p>Rows are processed in fixed chunks by {@code threads} threads and partial sums are added in
 * chunk order: the model does not depend on the thread count.
 *
 * <p>Example:
 *
 * <pre>{@code
 * GmmConfig config =
 *     new GmmConfig(16, CovarianceType.FULL, 100, 1e-3, 1e-6, 1, 42L, 2, GmmInit.KMEANS_PLUS_PLUS);
 * GaussianMixtureModel gmm = GaussianMixtureEm.fit(itemFactors, items, 64, config,
 *     (run, iteration, ll) -> System.out.printf("run %d, iteration %d: %.4f%n", run, iteration,
 *         ll));
 * }</pre>
 */
public final class GaussianMixtureEm {
  private GaussianMixtureEm() {}

  /**
   * @param data row-major {@code n x d} values, all finite
   * @param progress called after every E-step with the iteration number (0 is the initial model,
   *     then one per M-step) and the mean log-likelihood
   * @throws IllegalArgumentException for a shape mismatch, a non-finite value (naming its row),
   *     fewer rows than components, or a covariance that stays singular despite {@code regCovar}
   */
  public static GaussianMixtureModel fit(
      float[] data, int n, int d, GmmConfig config, EmProgress progress) {
    Objects.requireNonNull(config, "config");
    TransposedRows.requireValid(data, n, d);
    if (n < config.components()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "cannot fit %d components to %d rows: need at least one row per component",
              config.components(),
              n));
    }
    EmProgress callback = progress == null ? EmProgress.NONE : progress;
    SplittableRandom seeds = new SplittableRandom(config.seed());
    GaussianMixtureModel best = null;
    try (RowBlocks chunks = new RowBlocks(config.threads())) {
      callback.onFit(config.components());
      for (int run = 0; run < config.nInit(); run++) {
        EmRun em = new EmRun(data, n, d, config, chunks, callback, run);
        GaussianMixtureModel model = em.execute(seeds.split());
        if (best == null || model.lowerBound() > best.lowerBound()) {
          best = model;
        }
      }
    }
    return best;
  }
}
