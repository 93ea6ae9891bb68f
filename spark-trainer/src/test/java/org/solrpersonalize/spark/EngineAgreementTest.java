package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * The demo generator's shop trained by both engines with the same flags, evaluated by the
 * trainer's evaluator on the same holdout.
 */
class EngineAgreementTest {
  private static final long SEED = 42;

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("EngineAgreementTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void sameFlagsGiveTheSameNdcg(@TempDir Path dir) throws Exception {
    DemoDataset shop = DemoDataset.generate(dir.resolve("shop"), 2000, 1000, SEED);
    Interactions data =
        new InteractionLoader(LoadOptions.DEFAULT, message -> {})
            .load(List.of(shop.interactionsFile()), bytes -> {});
    HoldoutSplit.Result split = HoldoutSplit.split(data, SplitMode.RANDOM, 0.2, SEED);
    ImplicitAlsConfig local =
        ImplicitAlsConfig.defaults(SEED, 2);
    RankingEvaluator evaluator = new RankingEvaluator(10, 2);

    ImplicitAlsModel localModel =
        new ImplicitAlsTrainer(local)
            .fit(split.train(), split.train().transpose(), (iteration, millis, loss) -> {});
    RankingReport localReport =
        evaluator.evaluate(
            new FactorScorer(local.factors(), localModel.userFactors(), localModel.itemFactors()),
            split.train(),
            split.test());

    double[] scales = {0.1, 0.05, 0.02, 0.01, 0.004};
    for (double scale : scales) {
      SparkTrainerConfig config =
          new SparkTrainerConfig(
              local.factors(),
              local.iterations(),
              local.regularization() * scale,
              local.alpha(),
              SEED,
              0,
              MixtureConfig.defaults().withClusters(0));
      SparkTrainedModel sparkModel =
          SparkTrainer.fit(spark, trainFrame(data, split.train()), config);
      RankingReport sparkReport =
          evaluator.evaluate(scorer(sparkModel.model(), data), split.train(), split.test());
      System.out.printf(
          Locale.ROOT,
          "scale %.2f: local ndcg@10 %.4f, spark %.4f (regParam %.4f, mean row %.3f)%n",
          scale,
          localReport.ndcg(),
          sparkReport.ndcg(),
          sparkModel.regularization().regParam(),
          sparkModel.regularization().meanRowLength());
    }
  }

  /** The training part of the split as the Spark trainer's input. */
  private static Dataset<Row> trainFrame(Interactions data, CsrMatrix train) {
    List<Row> rows = new ArrayList<>(train.nnz());
    for (int u = 0; u < train.rows(); u++) {
      for (int p = train.rowStart(u); p < train.rowEnd(u); p++) {
        rows.add(
            RowFactory.create(
                data.userIds().get(u), data.itemIds().get(train.cols()[p]), train.vals()[p]));
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
  private static FactorScorer scorer(ModelDirectory.Model model, Interactions data) {
    int k = model.k();
    float[] users = reorder(model.userIds(), model.userFactors(), data.userIds(), k);
    float[] items = reorder(model.itemIds(), model.itemFactors(), data.itemIds(), k);
    return new FactorScorer(k, users, items);
  }

  private static float[] reorder(List<String> ids, float[] factors, List<String> order, int k) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      position.put(ids.get(i), i);
    }
    float[] out = new float[order.size() * k];
    for (int row = 0; row < order.size(); row++) {
      Integer from = position.get(order.get(row));
      if (from != null) {
        System.arraycopy(factors, from * k, out, row * k, k);
      }
    }
    return out;
  }
}
