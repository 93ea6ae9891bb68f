package org.solrpersonalize.bench.training;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.solrpersonalize.synthetic.SyntheticConfig;
import org.solrpersonalize.synthetic.SyntheticInteractions;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.baseline.PopularityScorer;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.eval.HoldoutSplit;
import org.solrpersonalize.trainer.eval.RankingEvaluator;
import org.solrpersonalize.trainer.eval.RankingReport;
import org.solrpersonalize.trainer.eval.SplitMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Grid of implicit-ALS regularization x alpha on generated data with planted segments, scored by
 * NDCG@10 on a seeded holdout next to popularity: how the defaults of {@code --regularization} and
 * {@code --alpha} were chosen.
 *
 * <pre>
 * java -Xmx3g -cp (the launcher jar and its dependencies) \
 *   org.solrpersonalize.bench.training.HyperparameterSweep --interactions 200000
 * </pre>
 */
@Command(
    name = "hyperparameter-sweep",
    mixinStandardHelpOptions = true,
    description = "NDCG@10 of implicit ALS over a regularization x alpha grid on synthetic data.")
public final class HyperparameterSweep implements Callable<Integer> {
  @Option(
      names = "--interactions",
      defaultValue = "200000",
      description = "Default: ${DEFAULT-VALUE}.")
  int interactions;

  @Option(names = "--home-share", defaultValue = "0.7", description = "Default: ${DEFAULT-VALUE}.")
  double homeShare;

  @Option(names = "--segments", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
  int segments;

  @Option(
      names = "--regularization",
      split = ",",
      defaultValue = "0.01,0.1,1,10,100",
      description = "Default: ${DEFAULT-VALUE}.")
  List<Double> regularizations;

  @Option(
      names = "--alpha",
      split = ",",
      defaultValue = "1,5,10,20,40",
      description = "Default: ${DEFAULT-VALUE}.")
  List<Double> alphas;

  @Option(names = "--factors", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
  int factors;

  @Option(names = "--iterations", defaultValue = "15", description = "Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Option(names = "--threads", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  public static void main(String[] args) {
    System.exit(new CommandLine(new HyperparameterSweep()).execute(args));
  }

  @Override
  public Integer call() {
    SyntheticConfig shape =
        new SyntheticConfig(
            Math.max(1, interactions / 20),
            Math.max(segments, interactions / 100),
            interactions,
            segments,
            homeShare,
            0.8,
            seed);
    Interactions data = SyntheticInteractions.generate(shape);
    HoldoutConfig holdout =
        new HoldoutConfig(0.2, SplitMode.RANDOM, 10, HoldoutConfig.NO_KNN_BASELINE);
    HoldoutSplit.Result split = HoldoutSplit.split(data, holdout.split(), holdout.fraction(), seed);
    RankingEvaluator evaluator = new RankingEvaluator(holdout.at(), threads);
    RankingReport popularity =
        evaluator.evaluate(
            new PopularityScorer(split.train().transpose()), split.train(), split.test());
    System.out.printf(
        Locale.ROOT,
        "%s: %d users, %d items, %d pairs; popularity ndcg@10 %.4f%n",
        shape,
        data.users(),
        data.items(),
        data.userItems().nnz(),
        popularity.ndcg());
    System.out.printf(Locale.ROOT, "%-8s", "lambda");
    for (double alpha : alphas) {
      System.out.printf(Locale.ROOT, " alpha=%-7s", trim(alpha));
    }
    System.out.println();
    for (double lambda : regularizations) {
      System.out.printf(Locale.ROOT, "%-8s", trim(lambda));
      for (double alpha : alphas) {
        TrainingConfig config =
            TrainingConfig.builder()
                .factors(factors)
                .iterations(iterations)
                .regularization(lambda)
                .alpha(alpha)
                .solver(AlsSolver.CG)
                .cgSteps(3)
                .clustering(ClusteringConfig.NONE)
                .holdout(holdout)
                .seed(seed)
                .threads(threads)
                .build();
        RankingReport report = Trainer.fit(data, config).evaluation().ranking();
        System.out.printf(Locale.ROOT, " %-13.4f", report.ndcg());
      }
      System.out.println();
    }
    return 0;
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
