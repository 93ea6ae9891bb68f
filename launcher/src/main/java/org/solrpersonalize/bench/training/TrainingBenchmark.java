package org.solrpersonalize.bench.training;

import org.solrpersonalize.synthetic.SyntheticConfig;
import org.solrpersonalize.synthetic.SyntheticInteractions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.als.ImplicitAlsTrainer;
import org.solrpersonalize.trainer.data.Interactions;

/** Times implicit ALS on seeded synthetic interactions: the training figures of {@code bin/bench}. */
public final class TrainingBenchmark {
  private TrainingBenchmark() {}

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
      double trainSeconds) {}

  /**
   * Generates {@code size} seeded events ({@link SyntheticConfig#forInteractions}) and times
   * implicit ALS with the CG solver and the default regularization and alpha; one line per
   * iteration on stderr.
   */
  public static Result measure(int size, int factors, int iterations, int threads, long seed) {
    long t0 = System.nanoTime();
    Interactions data = SyntheticInteractions.generate(SyntheticConfig.forInteractions(size, seed));
    double generateSeconds = (System.nanoTime() - t0) / 1e9;
    ImplicitAlsConfig config =
        new ImplicitAlsConfig(
            factors,
            iterations,
            ImplicitAlsConfig.DEFAULT_REGULARIZATION,
            ImplicitAlsConfig.DEFAULT_ALPHA,
            AlsSolver.CG,
            ImplicitAlsConfig.DEFAULT_CG_STEPS,
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
        AlsSolver.CG.toString(),
        generateSeconds,
        perIteration,
        trainSeconds);
  }
}
