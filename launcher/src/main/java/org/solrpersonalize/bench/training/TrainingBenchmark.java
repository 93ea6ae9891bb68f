package org.solrpersonalize.bench.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.solrpersonalize.synthetic.SyntheticConfig;
import org.solrpersonalize.synthetic.SyntheticInteractions;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.TrainingListener;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.data.Interactions;

/**
 * Times implicit ALS on seeded synthetic interactions: the training figures of {@code bin/bench}.
 */
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
   * implicit ALS through {@link Trainer#fit} (CG solver, default regularization and alpha, no
   * mixture); one line per iteration on stderr.
   */
  public static Result measure(int size, int factors, int iterations, int threads, long seed) {
    long t0 = System.nanoTime();
    Interactions data = SyntheticInteractions.generate(SyntheticConfig.forInteractions(size, seed));
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
    List<Double> perIteration = new ArrayList<>();
    long start = System.nanoTime();
    Trainer.fit(
        data,
        config,
        new TrainingListener() {
          private long last;

          @Override
          public void onIteration(int iteration, long millis, double loss) {
            perIteration.add((millis - last) / 1000.0);
            last = millis;
            System.err.printf(
                Locale.ROOT,
                "  %,d: iteration %d  %.2f s  loss %.6g%n",
                size,
                iteration,
                perIteration.get(perIteration.size() - 1),
                loss);
          }
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
