package org.solrpersonalize.trainer.gmm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times {@link GaussianMixtureEm} on synthetic item factors: K planted components with random
 * means and correlated covariances, the way ALS factors cluster. Not a test: run it by hand.
 *
 * <pre>
 * mvn -o -q -pl offline-trainer dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp offline-trainer/target/classes:$(cat offline-trainer/cp.txt) \
 *     org.solrpersonalize.trainer.gmm.GmmBenchmark --rows 100000 --dimension 64 \
 *     --components 16 --threads 2 --covariance full,diag --json
 * {"rows":100000,"dimension":64,"components":16,"threads":2,"results":[{"covariance":"full",
 *  "seconds":12.3,"cpuSeconds":24.1,"iterations":9,"converged":true,
 *  "meanLogLikelihood":-71.2}, ...]}
 * </pre>
 */
@Command(
    name = "gmm-benchmark",
    mixinStandardHelpOptions = true,
    description = "Times the Gaussian mixture EM fit on synthetic data.")
public final class GmmBenchmark implements Callable<Integer> {
  @Option(names = "--rows", description = "rows n (default: ${DEFAULT-VALUE})")
  int rows = 100_000;

  @Option(names = "--dimension", description = "dimension d (default: ${DEFAULT-VALUE})")
  int dimension = 64;

  @Option(names = "--components", description = "fitted K (default: ${DEFAULT-VALUE})")
  int components = 16;

  @Option(names = "--planted", description = "components in the data (default: --components)")
  Integer planted;

  @Option(
      names = "--covariance",
      split = ",",
      description = "full, diag or both (default: ${DEFAULT-VALUE})")
  List<String> covariance = List.of("full", "diag");

  @Option(names = "--threads", description = "threads (default: ${DEFAULT-VALUE})")
  int threads = 2;

  @Option(names = "--max-iterations", description = "(default: ${DEFAULT-VALUE})")
  int maxIterations = 100;

  @Option(names = "--tolerance", description = "(default: ${DEFAULT-VALUE})")
  double tolerance = 1e-3;

  @Option(names = "--n-init", description = "(default: ${DEFAULT-VALUE})")
  int nInit = 1;

  @Option(names = "--seed", description = "(default: ${DEFAULT-VALUE})")
  long seed = 42L;

  @Option(names = "--json", description = "print one JSON object instead of text")
  boolean json;

  public static void main(String[] args) {
    System.exit(new CommandLine(new GmmBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    float[] data = syntheticFactors(rows, dimension, planted == null ? components : planted, seed);
    List<Map<String, Object>> results = new ArrayList<>();
    for (String type : covariance) {
      GmmConfig config =
          new GmmConfig(
              components,
              CovarianceType.parse(type),
              maxIterations,
              tolerance,
              GmmConfig.DEFAULT_REG_COVAR,
              nInit,
              seed,
              threads);
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      GaussianMixtureModel model =
          GaussianMixtureEm.fit(data, rows, dimension, config, EmProgress.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("covariance", config.covariance().label());
      r.put("seconds", seconds);
      r.put("cpuSeconds", cpuSeconds);
      r.put("iterations", model.iterations());
      r.put("converged", model.converged());
      r.put("meanLogLikelihood", model.lowerBound());
      results.add(r);
      if (!json) {
        System.out.printf(
            Locale.ROOT,
            "%s: n=%d d=%d K=%d threads=%d: %.2f s (%.2f s CPU), %d iterations, converged=%s,"
                + " mean LL %.4f%n",
            type, rows, dimension, components, threads, seconds, cpuSeconds, model.iterations(),
            model.converged(), model.lowerBound());
      }
    }
    if (json) {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("rows", rows);
      all.put("dimension", dimension);
      all.put("components", components);
      all.put("threads", threads);
      all.put("results", results);
      System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(all));
    }
    return 0;
  }

  /**
   * CPU time of the whole process: on a shared machine wall time also counts other programs, CPU
   * time divided by the thread count tells what the fit would take on idle cores.
   */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return 0;
  }

  /**
   * Rows from K components with means drawn from N(0, I) and covariances {@code B B^T} with B
   * lower-triangular, diagonal in [0.2, 0.5] and small off-diagonal terms: overlapping, correlated
   * clusters of roughly unit scale, like normalised ALS factors.
   */
  public static float[] syntheticFactors(int n, int d, int k, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] means = new double[k][d];
    double[][] factors = new double[k][d * d];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        means[c][j] = gaussian(random);
        factors[c][j * d + j] = 0.2 + 0.3 * random.nextDouble();
        for (int m = 0; m < j; m++) {
          factors[c][j * d + m] = 0.1 * gaussian(random) / Math.sqrt(d);
        }
      }
    }
    float[] data = new float[n * d];
    double[] e = new double[d];
    for (int i = 0; i < n; i++) {
      int c = random.nextInt(k);
      for (int j = 0; j < d; j++) {
        e[j] = gaussian(random);
      }
      for (int j = 0; j < d; j++) {
        double v = means[c][j];
        for (int m = 0; m <= j; m++) {
          v += factors[c][j * d + m] * e[m];
        }
        data[i * d + j] = (float) v;
      }
    }
    return data;
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
