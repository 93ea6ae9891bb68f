package org.solrpersonalize.trainer.gmm;

import java.util.SplittableRandom;
import org.solrpersonalize.trainer.concurrent.RowBlocks;

/**
 * One EM run from one set of starting centres ({@link GmmInit}); see {@link GaussianMixtureEm}.
 *
 * @param data row-major {@code n x d} values
 * @param chunks the blocks of rows the passes fold, in order
 * @param progress told the mean log-likelihood after every E-step
 * @param run this run's index, for {@code progress}
 */
record EmRun(
    float[] data, int n, int d, GmmConfig config, RowBlocks chunks, EmProgress progress, int run) {
  private static final int W = TransposedRows.WIDTH;

  GaussianMixtureModel execute(SplittableRandom random) {
    ThreadLocal<BlockScratch> scratch =
        ThreadLocal.withInitial(() -> new BlockScratch(config.components(), d));
    // Per row, minus its log-likelihood under the model of the current pass: who re-seeds first.
    double[] misfit = new double[n];
    MixtureDensity density = initialDensity(random, scratch);
    double previous = Double.NaN;
    for (int iteration = 0; ; iteration++) {
      boolean last = iteration == config.maxIterations();
      Pass pass = expectation(density, !last, scratch, misfit);
      double meanLogLikelihood = pass.logLikelihoodSum / n;
      progress.onIteration(run, iteration, meanLogLikelihood);
      if (iteration > 0 && Math.abs(meanLogLikelihood - previous) < config.tolerance()) {
        return new GaussianMixtureModel(density, meanLogLikelihood, iteration, true);
      }
      if (last) {
        return new GaussianMixtureModel(density, meanLogLikelihood, iteration, false);
      }
      density = pass.statistics.maximize(config.regCovar(), data, misfit);
      previous = meanLogLikelihood;
    }
  }

  /** One M-step from the hard assignment of every row to its nearest starting centre. */
  private MixtureDensity initialDensity(
      SplittableRandom random, ThreadLocal<BlockScratch> scratch) {
    int K = config.components();
    KMeansPlusPlus.Seeding seeding =
        switch (config.init()) {
          case KMEANS -> KMeansLloyd.fit(data, n, d, K, random, chunks);
          case KMEANS_PLUS_PLUS -> KMeansPlusPlus.seed(data, n, d, K, random);
          case RANDOM -> KMeansLloyd.random(data, n, d, K, random, chunks);
        };
    SufficientStatistics total = new SufficientStatistics(config.covariance(), seeding.centers());
    chunks.fold(
        n,
        TransposedRows.WIDTH,
        (first, rows) -> {
          BlockScratch s = scratch.get();
          s.block.load(data, first, rows);
          double[] gamma = s.responsibilities;
          java.util.Arrays.fill(gamma, 0.0);
          for (int t = 0; t < rows; t++) {
            gamma[seeding.nearest()[first + t] * W + t] = 1.0;
          }
          SufficientStatistics part =
              new SufficientStatistics(config.covariance(), seeding.centers());
          part.accumulate(s, gamma);
          return part;
        },
        total::add);
    return total.maximize(config.regCovar(), data, seeding.squaredDistance());
  }

  /**
   * The E-step of {@code density}, fused with the sums of the next M-step when asked; writes each
   * row's minus log-likelihood into {@code misfit}.
   */
  private Pass expectation(
      MixtureDensity density, boolean collect, ThreadLocal<BlockScratch> scratch, double[] misfit) {
    Pass total =
        new Pass(collect ? new SufficientStatistics(config.covariance(), means(density)) : null);
    chunks.fold(
        n,
        TransposedRows.WIDTH,
        (first, rows) -> {
          BlockScratch s = scratch.get();
          s.block.load(data, first, rows);
          Pass part =
              new Pass(
                  collect ? new SufficientStatistics(config.covariance(), means(density)) : null);
          part.logLikelihoodSum = density.expectation(s);
          for (int t = 0; t < rows; t++) {
            misfit[first + t] = -s.rowLogLikelihood[t];
          }
          if (collect) {
            part.statistics.accumulate(s, s.responsibilities);
          }
          return part;
        },
        part -> {
          total.logLikelihoodSum += part.logLikelihoodSum;
          if (collect) {
            total.statistics.add(part.statistics);
          }
        });
    return total;
  }

  private static double[][] means(MixtureDensity density) {
    return density.components.means;
  }

  private static final class Pass {
    final SufficientStatistics statistics;
    double logLikelihoodSum;

    Pass(SufficientStatistics statistics) {
      this.statistics = statistics;
    }
  }
}
