package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.als.ImplicitAlsModel;
import org.solrpersonalize.trainer.als.ImplicitAlsTrainer;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.InteractionLoader;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.eval.FactorScorer;
import org.solrpersonalize.trainer.eval.HoldoutSplit;
import org.solrpersonalize.trainer.eval.RankingEvaluator;
import org.solrpersonalize.trainer.eval.RankingReport;
import org.solrpersonalize.trainer.eval.SplitMode;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

/**
 * The demo generator's shop (1,000 users, 2,000 products) trained by both engines with the same
 * flags and evaluated by the trainer's evaluator on the same 20% random holdout.
 */
class EngineAgreementTest {
  private static final long SEED = 42;

  private static SparkSession spark;
  private static Interactions data;
  private static HoldoutSplit.Result split;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    spark = LocalSpark.start("EngineAgreementTest");
    DemoDataset shop = DemoDataset.generate(dir.resolve("shop"), 2000, 1000, SEED);
    Interactions loaded =
        new InteractionLoader(LoadOptions.DEFAULT, message -> {})
            .load(List.of(shop.interactionsFile()), bytes -> {});
    HoldoutSplit.Result loadedSplit = HoldoutSplit.split(loaded, SplitMode.RANDOM, 0.2, SEED);
    // Number users and items in sorted order, as the Spark trainer does, so both engines give
    // each row the same seeded start.
    data = sortedIds(loaded, loadedSplit.train());
    split = HoldoutSplit.split(data, SplitMode.RANDOM, 0.2, SEED);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /**
   * With the exact solver the two engines compute the same factors, up to rounding: with the log's
   * weights, and with --confidence bm25 (weighted on the executors as locally).
   */
  @Test
  void exactSolverGivesTheLocalFactors() {
    ImplicitAlsConfig local =
        new ImplicitAlsConfig(16, 4, 100.0, 5.0, AlsSolver.CHOLESKY, 3, SEED, 2);
    for (ConfidenceWeighting weighting :
        List.of(ConfidenceWeighting.LINEAR, ConfidenceWeighting.of(ConfidenceScheme.BM25))) {
      ImplicitAlsModel expected = localFit(local, weighting.weigh(data.userItems()));
      SparkTrainerConfig config =
          new SparkTrainerConfig(
              16,
              4,
              100.0,
              5.0,
              weighting,
              SEED,
              AlsImplementation.TRAINER,
              AlsSolver.CHOLESKY,
              3,
              3,
              null,
              MixtureConfig.defaults().withClusters(0));
      ModelDirectory.Model actual =
          SparkTrainer.fit(spark, frame(data, data.userItems()), config).model();
      assertEquals(data.userIds(), actual.userIds());
      assertEquals(data.itemIds(), actual.itemIds());
      assertClose(expected.userFactors(), actual.userFactors(), 1e-4f);
      assertClose(expected.itemFactors(), actual.itemFactors(), 1e-4f);
    }
  }

  /** The defaults of bin/trainer train (k 64, 15 iterations, lambda 100, alpha 5, CG). */
  @Test
  void sameFlagsGiveTheSameNdcg() {
    RankingEvaluator evaluator = new RankingEvaluator(10, 2);
    ImplicitAlsConfig local = ImplicitAlsConfig.defaults(SEED, 2);
    ImplicitAlsModel localModel = localFit(local, split.train());
    RankingReport localReport =
        evaluator.evaluate(
            new FactorScorer(local.factors(), localModel.userFactors(), localModel.itemFactors()),
            split.train(),
            split.test());
    SparkTrainerConfig config =
        SparkTrainerConfig.defaults(SEED).withMixture(MixtureConfig.defaults().withClusters(0));
    SparkTrainedModel sparkModel = SparkTrainer.fit(spark, frame(data, split.train()), config);
    RankingReport sparkReport =
        evaluator.evaluate(scorer(sparkModel.model(), data), split.train(), split.test());
    System.out.printf(
        Locale.ROOT, "ndcg@10: local %.4f, spark %.4f%n", localReport.ndcg(), sparkReport.ndcg());
    assertEquals(localReport.users(), sparkReport.users());
    assertTrue(
        Math.abs(sparkReport.ndcg() - localReport.ndcg()) <= 0.02 * localReport.ndcg(),
        String.format(
            Locale.ROOT, "local %.4f, spark %.4f", localReport.ndcg(), sparkReport.ndcg()));
  }

  private static ImplicitAlsModel localFit(ImplicitAlsConfig config, CsrMatrix userItems) {
    return new ImplicitAlsTrainer(config)
        .fit(userItems, userItems.transpose(), (iteration, millis, loss) -> {});
  }

  /** The users and items of {@code train}, numbered in sorted id order. */
  private static Interactions sortedIds(Interactions loaded, CsrMatrix train) {
    TreeSet<String> users = new TreeSet<>();
    TreeSet<String> items = new TreeSet<>();
    for (int u = 0; u < train.rows(); u++) {
      for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
        users.add(loaded.userIds().get(u));
        items.add(loaded.itemIds().get(train.cols()[p]));
      }
    }
    List<String> userIds = new ArrayList<>(users);
    List<String> itemIds = new ArrayList<>(items);
    Map<String, Integer> userIndex = indexOf(userIds);
    Map<String, Integer> itemIndex = indexOf(itemIds);
    CsrMatrix all = loaded.userItems();
    List<int[]> pairs = new ArrayList<>();
    List<Float> weights = new ArrayList<>();
    for (int u = 0; u < all.rows(); u++) {
      Integer user = userIndex.get(loaded.userIds().get(u));
      for (int p = all.rowStart(u); p < all.rowEnd(u); p++) {
        Integer item = itemIndex.get(loaded.itemIds().get(all.cols()[p]));
        if (user != null && item != null) {
          pairs.add(new int[] {user, item});
          weights.add(all.vals()[p]);
        }
      }
    }
    int n = pairs.size();
    int[] u = new int[n];
    int[] i = new int[n];
    float[] w = new float[n];
    for (int e = 0; e < n; e++) {
      u[e] = pairs.get(e)[0];
      i[e] = pairs.get(e)[1];
      w[e] = weights.get(e);
    }
    return Interactions.fromTriples(userIds, itemIds, u, i, w, null, loaded.fingerprint());
  }

  private static Map<String, Integer> indexOf(List<String> ids) {
    Map<String, Integer> index = new HashMap<>();
    for (int r = 0; r < ids.size(); r++) {
      index.put(ids.get(r), r);
    }
    return index;
  }

  /** A matrix as the Spark trainer's input. */
  private static Dataset<Row> frame(Interactions ids, CsrMatrix matrix) {
    List<Row> rows = new ArrayList<>(matrix.nnz());
    for (int u = 0; u < matrix.rows(); u++) {
      for (int p = matrix.rowStart(u); p < matrix.rowEnd(u); p++) {
        rows.add(
            RowFactory.create(
                ids.userIds().get(u), ids.itemIds().get(matrix.cols()[p]), matrix.vals()[p]));
      }
    }
    StructType schema =
        new StructType()
            .add("user", DataTypes.StringType)
            .add("item", DataTypes.StringType)
            .add("weight", DataTypes.FloatType);
    return spark.createDataFrame(rows, schema);
  }

  /** Spark's factors in the loader's row order; rows Spark never saw stay zero, as ours do. */
  private static FactorScorer scorer(ModelDirectory.Model model, Interactions ids) {
    int k = model.k();
    float[] users = reorder(model.userIds(), model.userFactors(), ids.userIds(), k);
    float[] items = reorder(model.itemIds(), model.itemFactors(), ids.itemIds(), k);
    return new FactorScorer(k, users, items);
  }

  private static float[] reorder(List<String> ids, float[] factors, List<String> order, int k) {
    Map<String, Integer> position = indexOf(ids);
    float[] out = new float[order.size() * k];
    for (int row = 0; row < order.size(); row++) {
      Integer from = position.get(order.get(row));
      if (from != null) {
        System.arraycopy(factors, from * k, out, row * k, k);
      }
    }
    return out;
  }

  private static void assertClose(float[] expected, float[] actual, float tolerance) {
    assertEquals(expected.length, actual.length);
    for (int p = 0; p < expected.length; p++) {
      assertEquals(expected[p], actual[p], tolerance, "value " + p);
    }
  }
}
