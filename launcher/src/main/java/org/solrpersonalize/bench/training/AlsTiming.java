package org.solrpersonalize.bench.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.solrpersonalize.synthetic.SyntheticConfig;
import org.solrpersonalize.synthetic.SyntheticInteractions;
import org.solrpersonalize.trainer.als.AlsIterationListener;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.als.ImplicitAlsModel;
import org.solrpersonalize.trainer.als.ImplicitAlsTrainer;
import org.solrpersonalize.trainer.data.Interactions;

/**
 * Times implicit ALS alone (default hyperparameters, CG) on the benchmark's seeded synthetic
 * interactions, without Solr or the mixture: the harness behind the ALS figures of {@code
 * docs/benchmark.md}. It uses only {@link ImplicitAlsTrainer}'s public API, so the same source
 * compiles against an older trainer jar for a before/after ratio in one session.
 *
 * <pre>
 * java -cp launcher/target/classes:offline-trainer/target/offline-trainer-0.1.0-SNAPSHOT-cli.jar \
 *   --add-modules jdk.incubator.vector org.solrpersonalize.bench.training.AlsTiming \
 *   1000000,10000000 15 2
 * </pre>
 *
 * Arguments: interaction counts (comma-separated), iterations (15), threads (2). Prints one line
 * per count: users, items, nonzeros, seconds, seconds per iteration and the final loss.
 */
public final class AlsTiming {
  private AlsTiming() {}

  public static void main(String[] args) {
    List<Integer> counts = new ArrayList<>();
    for (String count : (args.length > 0 ? args[0] : "1000000").split(",")) {
      counts.add(Integer.parseInt(count.trim()));
    }
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long seed = 42;
    for (int count : counts) {
      Interactions data =
          SyntheticInteractions.generate(SyntheticConfig.forInteractions(count, seed));
      ImplicitAlsConfig defaults = ImplicitAlsConfig.defaults(seed, threads);
      ImplicitAlsConfig config =
          new ImplicitAlsConfig(
              defaults.factors(),
              iterations,
              defaults.regularization(),
              defaults.alpha(),
              defaults.solver(),
              defaults.cgSteps(),
              seed,
              threads);
      double[] loss = new double[1];
      AlsIterationListener listener = (iteration, millis, value) -> loss[0] = value;
      long start = System.nanoTime();
      ImplicitAlsModel model =
          new ImplicitAlsTrainer(config).fit(data.userItems(), data.itemUsers(), listener);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.println(
          String.format(
              Locale.ROOT,
              "als interactions=%d users=%d items=%d nnz=%d k=%d iterations=%d threads=%d"
                  + " seconds=%.2f per_iteration=%.3f loss=%.9g score00=%.9g",
              count,
              data.users(),
              data.items(),
              data.userItems().nnz(),
              model.k(),
              iterations,
              threads,
              seconds,
              seconds / iterations,
              loss[0],
              model.score(0, 0)));
    }
  }
}
