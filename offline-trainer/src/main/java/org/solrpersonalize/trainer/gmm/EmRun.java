package org.solrpersonalize.trainer.gmm;

import java.util.SplittableRandom;
import org.solrpersonalize.trainer.concurrent.RowBlocks;

/** One EM run from one set of starting centres ({@link GmmInit}); see {@link GaussianMixtureEm}. */
final class EmRun {
  private static final int W = TransposedRows.WIDTH;

  private final float[] data;
  private final int n;
  private final int d;
  private final GmmConfig config;
  private final RowBlocks chunks;
  private final EmProgress progress;
  private final int run;
  private final ThreadLocal<BlockScratch> scratch;

  /** Per row, minus its log-likelihood under the model of the current pass: who re-seeds first. */
  private final double[] misfit;

  EmRun(
      float[] data,
      int n,
      int d,
      GmmConfig config,
      RowBlocks chunks,
      EmProgress progress,
      int run) {
    this.data = data;
    this.n = n;
    this.d = d;
    this.config = config;
    this.chunks = chunks;
    this.progress = progress;
    this.run = run;
    this.scratch = ThreadLocal.withInitial(() -> new BlockScratch(config.components(), d));
    this.misfit = new double[n];
  }

  GaussianMixtureModel execute(SplittableRandom random) {
    MixtureDensity density = initialDensity(random);
    double previous = Double.NaN;
    for (int iteration = 0; ; iteration++) {
      boolean last = iteration == config.maxIterations();
      Pass pass = expectation(density, !last);
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
  private MixtureDensity initialDensity(SplittableRandom random) {
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

  /** The E-step of {@code density}, fused with the sums of the next M-step when asked. */
  private Pass expectation(MixtureDensity density, boolean collect) {
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
