package org.solrpersonalize.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.baseline.PopularityScorer;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.eval.EvaluationReport;
import org.solrpersonalize.trainer.eval.FactorScorer;
import org.solrpersonalize.trainer.eval.HoldoutSplit;
import org.solrpersonalize.trainer.eval.RankingEvaluator;
import org.solrpersonalize.trainer.eval.RankingReport;
import org.solrpersonalize.trainer.eval.SplitMode;

/**
 * {@code --holdout} on Spark: each user's items are split on the executors exactly as {@link
 * HoldoutSplit#split} splits them (same count, same per-user seed, items in index order), so a
 * matrix numbered the same way gives the same test set on both engines. The evaluation runs on the
 * driver with the local trainer's {@link RankingEvaluator} and report: it gathers the pairs (12
 * bytes each, twice while the matrices are built), so it suits logs whose pairs fit the driver.
 */
final class SparkHoldout {
  /** The column that marks a test pair. */
  static final String TEST = "test";

  private SparkHoldout() {}

  /** Refuses what the Spark engine cannot hold out before any data is read. */
  static void check(HoldoutConfig holdout) {
    if (holdout != null && holdout.split() != SplitMode.RANDOM) {
      throw new BadInputException(
          "--split " + holdout.split().option() + ": the Spark engine holds out random items only");
    }
  }

  /**
   * {@code indexed} (columns {@code u, i, weight, rating}, one row per pair) with a boolean column
   * {@value #TEST}.
   */
  static Dataset<Row> split(SparkSession spark, Dataset<Row> indexed, double fraction, long seed) {
    StructType schema = indexed.schema().add(TEST, DataTypes.BooleanType, false);
    JavaRDD<Row> tagged =
        indexed
            .javaRDD()
            .groupBy(row -> row.getInt(0))
            .flatMap(user -> tagUser(user._1(), user._2(), fraction, seed));
    return spark.createDataFrame(tagged, schema);
  }

  private static Iterator<Row> tagUser(int user, Iterable<Row> rows, double fraction, long seed) {
    List<Row> pairs = new ArrayList<>();
    rows.forEach(pairs::add);
    pairs.sort(Comparator.comparingInt(row -> row.getInt(1)));
    int n = pairs.size();
    boolean[] inTest = new boolean[n];
    if (n >= 2) {
      HoldoutSplit.markRandom(
          seed, user, n, HoldoutSplit.heldOut(n, fraction), new int[n], inTest, 0);
    }
    List<Row> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      Row row = pairs.get(j);
      out.add(RowFactory.create(row.getInt(0), row.getInt(1), row.get(2), row.get(3), inTest[j]));
    }
    return out.iterator();
  }

  /** Scores the factors and the popularity baseline on the test pairs of {@code tagged}. */
  static EvaluationReport evaluate(
      Dataset<Row> tagged,
      int users,
      int items,
      int k,
      float[] userFactors,
      float[] itemFactors,
      HoldoutConfig holdout,
      long seed) {
    PairColumns train = new PairColumns();
    PairColumns test = new PairColumns();
    Iterator<Row> rows =
        tagged.select("u", "i", "weight", TEST).orderBy("u", "i").toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      (row.getBoolean(3) ? test : train).add(row.getInt(0), row.getInt(1), row.getFloat(2));
    }
    CsrMatrix trainMatrix = train.toCsr(users, items);
    CsrMatrix testMatrix = test.toCsr(users, items);
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    RankingEvaluator evaluator = new RankingEvaluator(holdout.at(), threads);
    RankingReport model =
        evaluator.evaluate(new FactorScorer(k, userFactors, itemFactors), trainMatrix, testMatrix);
    RankingReport popularity =
        evaluator.evaluate(new PopularityScorer(trainMatrix.transpose()), trainMatrix, testMatrix);
    return new EvaluationReport(
        SparkTrainer.MODEL_TYPE,
        holdout.split().option(),
        holdout.fraction(),
        seed,
        model,
        popularity,
        null,
        null,
        null);
  }
}
