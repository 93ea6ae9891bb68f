package org.solrpersonalize.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.solrpersonalize.synthetic.SyntheticConfig;
import org.solrpersonalize.synthetic.SyntheticFactors;
import org.solrpersonalize.synthetic.SyntheticInteractions;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.TrainingListener;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.gmm.CovarianceType;
import org.solrpersonalize.trainer.gmm.EmProgress;
import org.solrpersonalize.trainer.gmm.GaussianMixtureEm;
import org.solrpersonalize.trainer.gmm.GaussianMixtureModel;
import org.solrpersonalize.trainer.gmm.GmmConfig;
import org.solrpersonalize.trainer.gmm.GmmInit;

/**
 * The training section: implicit ALS through {@link Trainer#fit} on seeded synthetic interactions
 * (CG solver), and the Gaussian mixture EM on {@link SyntheticFactors} data, each with its own peak
 * heap.
 */
record TrainingTimer(int factors, int threads, long seed, Progress progress) {

  /**
   * Generates {@code interactions} seeded events ({@link SyntheticConfig#forInteractions}) and
   * times implicit ALS (default regularization and alpha, no mixture); one line per iteration on
   * stderr.
   */
  BenchReport.AlsRun als(int interactions, int iterations) {
    progress.phase(
        "training: implicit ALS, %,d interactions, k=%d, %d iterations",
        interactions, factors, iterations);
    HeapPeak.reset();
    long t0 = System.nanoTime();
    Interactions data =
        SyntheticInteractions.generate(SyntheticConfig.forInteractions(interactions, seed));
    double generateSeconds = (System.nanoTime() - t0) / 1e9;
    TrainingConfig config =
        TrainingConfig.builder()
            .factors(factors)
            .iterations(iterations)
            .solver(AlsSolver.CG)
            .clustering(ClusteringConfig.NONE)
            .seed(seed)
            .threads(threads)
            .build();
    List<Double> iterationSeconds = new ArrayList<>();
    long start = System.nanoTime();
    Trainer.fit(
        data,
        config,
        new TrainingListener() {
          private long last;

          @Override
          public void onIteration(int iteration, long millis, double loss) {
            iterationSeconds.add((millis - last) / 1000.0);
            last = millis;
            progress.detail(
                "  %,d: iteration %d  %.2f s  loss %.6g",
                interactions, iteration, iterationSeconds.get(iterationSeconds.size() - 1), loss);
          }
        });
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    double perIteration =
        iterationSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    // The generated data is part of the run's memory: the peak since generation started.
    return new BenchReport.AlsRun(
        interactions,
        data.users(),
        data.items(),
        data.userItems().nnz(),
        factors,
        iterations,
        threads,
        generateSeconds,
        perIteration,
        trainSeconds,
        iterationSeconds,
        HeapPeak.peakMb());
  }

  List<BenchReport.GmmRun> gmm(int rows, int components, List<String> covariances) {
    progress.phase(
        "training: GMM EM data, %,d x %d, %d planted components", rows, factors, components);
    float[] data = SyntheticFactors.generate(rows, factors, components, seed);
    List<BenchReport.GmmRun> runs = new ArrayList<>();
    for (String type : covariances) {
      GmmConfig config =
          new GmmConfig(
              components,
              CovarianceType.parse(type),
              GmmConfig.DEFAULT_MAX_ITERATIONS,
              GmmConfig.DEFAULT_TOLERANCE,
              GmmConfig.DEFAULT_REG_COVAR,
              GmmConfig.DEFAULT_N_INIT,
              seed,
              threads,
              GmmInit.KMEANS_PLUS_PLUS);
      progress.phase(
          "training: GMM EM, %,d x %d, K=%d, %s covariance",
          rows, factors, components, config.covariance().option());
      HeapPeak.reset();
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      GaussianMixtureModel model =
          GaussianMixtureEm.fit(data, rows, factors, config, EmProgress.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
      runs.add(
          new BenchReport.GmmRun(
              config.covariance().option(),
              rows,
              factors,
              components,
              threads,
              model.iterations(),
              model.converged(),
              seconds,
              seconds / Math.max(1, model.iterations()),
              cpuSeconds,
              HeapPeak.peakMb()));
    }
    return runs;
  }

  @SuppressForbidden(reason = "process CPU time exists only on HotSpot's bean; 0 elsewhere")
  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}
