package org.solrpersonalize.trainer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.als.ImplicitAlsTrainer;
import org.solrpersonalize.trainer.data.Interactions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times implicit ALS on generated interactions: seconds per iteration, total and peak heap, as a
 * table or JSON. Not a test: run it on a quiet machine.
 *
 * <pre>
 * mvn -o -q -pl offline-trainer -am compile
 * mvn -o -q -pl offline-trainer dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx3g -cp offline-trainer/target/classes:solr-plugin/target/classes:$(cat /tmp/cp.txt) \
 *   org.solrpersonalize.trainer.bench.TrainingBenchmark --sizes 1000000,10000000 --threads 2
 * </pre>
 */
@Command(
    name = "training-benchmark",
    mixinStandardHelpOptions = true,
    description = "Times implicit ALS on seeded synthetic interactions.")
public final class TrainingBenchmark implements Callable<Integer> {
  @Option(
      names = "--sizes",
      split = ",",
      defaultValue = "1000000",
      description = "Interaction counts to generate, e.g. 1000000,10000000 (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--factors", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
  int factors;

  @Option(names = "--iterations", defaultValue = "15", description = "Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Option(names = "--threads", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(
      names = "--solver",
      defaultValue = "cg",
      converter = SolverConverter.class,
      description = "cg or cholesky (default: ${DEFAULT-VALUE}).")
  AlsSolver solver;

  @Option(names = "--cg-steps", defaultValue = "3", description = "Default: ${DEFAULT-VALUE}.")
  int cgSteps;

  @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  static final class SolverConverter implements CommandLine.ITypeConverter<AlsSolver> {
    @Override
    public AlsSolver convert(String value) {
      return AlsSolver.parse(value);
    }
  }

  /** One measured run. */
  public record Result(
      int interactions,
      int users,
      int items,
      int nonZeros,
      int factors,
      int iterations,
      int threads,
      String solver,
      double generateSeconds,
      List<Double> iterationSeconds,
      double trainSeconds,
      double peakHeapMb) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainingBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<Result> results = new ArrayList<>();
    for (int size : sizes) {
      results.add(measure(size));
    }
    if (json) {
      System.out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
    } else {
      printTable(results);
    }
    return 0;
  }

  /**
   * Generates {@code size} seeded events ({@link SyntheticConfig#forInteractions}) and times
   * implicit ALS with the CG solver and default regularization and alpha; one line per iteration
   * on stderr. The API behind {@code bin/bench}.
   */
  public static Result measure(int size, int factors, int iterations, int threads, long seed) {
    TrainingBenchmark benchmark = new TrainingBenchmark();
    benchmark.factors = factors;
    benchmark.iterations = iterations;
    benchmark.threads = threads;
    benchmark.seed = seed;
    benchmark.solver = AlsSolver.CG;
    benchmark.cgSteps = ImplicitAlsConfig.DEFAULT_CG_STEPS;
    return benchmark.measure(size);
  }

  private Result measure(int size) {
    long t0 = System.nanoTime();
    Interactions data = SyntheticInteractions.generate(SyntheticConfig.forInteractions(size, seed));
    double generateSeconds = (System.nanoTime() - t0) / 1e9;
    System.gc();
    resetPeaks();
    ImplicitAlsConfig config =
        new ImplicitAlsConfig(
            factors,
            iterations,
            ImplicitAlsConfig.DEFAULT_REGULARIZATION,
            ImplicitAlsConfig.DEFAULT_ALPHA,
            solver,
            cgSteps,
            seed,
            threads);
    List<Double> perIteration = new ArrayList<>();
    long[] last = {0};
    long start = System.nanoTime();
    new ImplicitAlsTrainer(config)
        .fit(
            data.userItems(),
            data.itemUsers(),
            (iteration, millis, loss) -> {
              perIteration.add((millis - last[0]) / 1000.0);
              last[0] = millis;
              System.err.printf(
                  Locale.ROOT, "  %,d: iteration %d  %.2f s  loss %.6g%n", size, iteration,
                  perIteration.get(perIteration.size() - 1), loss);
            });
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        size,
        data.users(),
        data.items(),
        data.userItems().nnz(),
        factors,
        iterations,
        threads,
        solver.toString(),
        generateSeconds,
        perIteration,
        trainSeconds,
        peakHeapBytes() / (1024.0 * 1024.0));
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks since the reset: an upper bound of the true peak. */
  private static long peakHeapBytes() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }

  private static void printTable(List<Result> results) {
    System.out.printf(
        Locale.ROOT,
        "%-10s %-8s %-8s %-10s %-4s %-4s %-8s %-8s %-8s %-9s %-8s %-8s%n",
        "events", "users", "items", "nonzeros", "k", "it", "threads", "solver", "s/iter",
        "train s", "gen s", "peak MB");
    for (Result r : results) {
      double perIteration =
          r.iterationSeconds().stream().mapToDouble(Double::doubleValue).average().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "%-10d %-8d %-8d %-10d %-4d %-4d %-8d %-8s %-8.3f %-9.2f %-8.2f %-8.0f%n",
          r.interactions(), r.users(), r.items(), r.nonZeros(), r.factors(), r.iterations(),
          r.threads(), r.solver(), perIteration, r.trainSeconds(), r.generateSeconds(),
          r.peakHeapMb());
    }
  }
}
