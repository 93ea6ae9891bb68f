package org.solrpersonalize.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.solrpersonalize.bench.training.TrainingBenchmark;
import org.solrpersonalize.synthetic.SyntheticFactors;
import org.solrpersonalize.trainer.gmm.CovarianceType;
import org.solrpersonalize.trainer.gmm.EmProgress;
import org.solrpersonalize.trainer.gmm.GaussianMixtureEm;
import org.solrpersonalize.trainer.gmm.GaussianMixtureModel;
import org.solrpersonalize.trainer.gmm.GmmConfig;

/**
 * The training section: implicit ALS through the trainer's {@link TrainingBenchmark} (seeded
 * synthetic interactions, CG solver) and the Gaussian mixture EM on {@link SyntheticFactors} data,
 * each with its own peak heap.
 */
final class TrainingTimer {
  private final int factors;
  private final int threads;
  private final long seed;
  private final Progress progress;

  TrainingTimer(int factors, int threads, long seed, Progress progress) {
    this.factors = factors;
    this.threads = threads;
    this.seed = seed;
    this.progress = progress;
  }

  BenchReport.AlsRun als(int interactions, int iterations) {
    progress.phase(
        "training: implicit ALS, %,d interactions, k=%d, %d iterations",
        interactions, factors, iterations);
    HeapPeak.reset();
    TrainingBenchmark.Result r =
        TrainingBenchmark.measure(interactions, factors, iterations, threads, seed);
    double perIteration =
        r.iterationSeconds().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    // The generated data is part of the run's memory: the peak since generation started.
    return new BenchReport.AlsRun(
        r.interactions(),
        r.users(),
        r.items(),
        r.nonZeros(),
        r.factors(),
        r.iterations(),
        r.threads(),
        r.generateSeconds(),
        perIteration,
        r.trainSeconds(),
        r.iterationSeconds(),
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
              threads);
      progress.phase(
          "training: GMM EM, %,d x %d, K=%d, %s covariance",
          rows, factors, components, config.covariance().label());
      HeapPeak.reset();
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      GaussianMixtureModel model =
          GaussianMixtureEm.fit(data, rows, factors, config, EmProgress.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
      runs.add(
          new BenchReport.GmmRun(
              config.covariance().label(),
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
