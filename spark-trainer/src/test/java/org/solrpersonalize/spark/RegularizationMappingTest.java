package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.math.AlsFoldIn;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

/**
 * {@code --als mllib}. Spark's ALS solves users last, so its user factors are the exact solution of
 * each user's normal equation given its final item factors. Solving that equation ourselves ({@link
 * AlsFoldIn}, the local trainer's exact row solve) shows which lambda Spark applied to each row.
 */
class RegularizationMappingTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("user", DataTypes.StringType)
          .add("item", DataTypes.StringType)
          .add("weight", DataTypes.FloatType);

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("RegularizationMappingTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void meanRowLengthMapping() {
    // 3 users and 5 items with 6 pairs: mean row length 2 * 6 / 8 = 1.5.
    RegularizationMapping mapping = RegularizationMapping.of(3.0, 3, 5, 6);
    assertEquals(1.5, mapping.meanRowLength());
    assertEquals(2.0, mapping.regParam());
    assertEquals(8.0, mapping.effectiveRegularization(4));
    assertEquals(Float.MIN_NORMAL, RegularizationMapping.sparkRating(0f));
    assertEquals(2.5f, RegularizationMapping.sparkRating(2.5f));
  }

  /**
   * Every user and every item has exactly 2 interactions (user u has items u and u+1 mod 4), so one
   * regParam = lambda / 2 gives every row our constant lambda: Spark's user factors solve our
   * equation with our lambda and alpha, including a weight of 0 (a preference of 1, confidence 1).
   */
  @Test
  void regularMatrixGivesOurEquationExactly() {
    List<Row> rows = new ArrayList<>();
    float[] weights = {1f, 3f, 0f, 5f, 2f, 1f, 4f, 1f};
    for (int u = 0; u < 4; u++) {
      rows.add(RowFactory.create("u" + u, "i" + u, weights[2 * u]));
      rows.add(RowFactory.create("u" + u, "i" + ((u + 1) % 4), weights[2 * u + 1]));
    }
    double lambda = 0.8;
    double alpha = 2.0;
    SparkTrainedModel trained = train(rows, lambda, alpha);
    assertEquals(0.4, trained.regularization().regParam(), 1e-15);
    assertEquals(2.0, trained.regularization().meanRowLength());
    float[] expected = solveUsers(trained.model(), rows, lambda, alpha, false, 0);
    assertArrayEquals(expected, trained.model().userFactors(), 2e-5f);
  }

  /**
   * Rows of 1, 2 and 4 interactions: Spark regularizes each row by regParam times its length, not
   * by a constant, which is why the mapping can only match on average.
   */
  @Test
  void sparkScalesRegularizationByRowLength() {
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("a", "x", 1f));
    rows.add(RowFactory.create("b", "x", 2f));
    rows.add(RowFactory.create("b", "y", 1f));
    rows.add(RowFactory.create("c", "x", 1f));
    rows.add(RowFactory.create("c", "y", 3f));
    rows.add(RowFactory.create("c", "z", 1f));
    rows.add(RowFactory.create("c", "w", 2f));
    double lambda = 1.0;
    double alpha = 1.5;
    SparkTrainedModel trained = train(rows, lambda, alpha);
    // 3 users + 4 items, 7 pairs: regParam = 1.0 * 7 / 14.
    double regParam = trained.regularization().regParam();
    assertEquals(0.5, regParam, 1e-15);
    float[] scaled = solveUsers(trained.model(), rows, lambda, alpha, true, regParam);
    assertArrayEquals(scaled, trained.model().userFactors(), 2e-5f);
    float[] constant = solveUsers(trained.model(), rows, lambda, alpha, false, 0);
    float largest = 0;
    for (int i = 0; i < constant.length; i++) {
      largest = Math.max(largest, Math.abs(constant[i] - trained.model().userFactors()[i]));
    }
    assertTrue(largest > 1e-3, "a constant lambda does not reproduce Spark: " + largest);
  }

  private SparkTrainedModel train(List<Row> rows, double lambda, double alpha) {
    Dataset<Row> frame = spark.createDataFrame(rows, SCHEMA);
    SparkTrainerConfig config =
        new SparkTrainerConfig(
            3,
            2,
            lambda,
            alpha,
            ConfidenceWeighting.LINEAR,
            7L,
            AlsImplementation.MLLIB,
            AlsSolver.CHOLESKY,
            1,
            2,
            null,
            MixtureConfig.defaults().withClusters(0));
    return SparkTrainer.fit(spark, frame, config);
  }

  /**
   * Each user's exact solve against the model's item factors, with lambda, or with regParam times
   * the row's length when {@code scaled}.
   */
  private static float[] solveUsers(
      ModelDirectory.Model model,
      List<Row> rows,
      double lambda,
      double alpha,
      boolean scaled,
      double regParam) {
    int k = model.k();
    double[] gram = AlsFoldIn.gram(model.itemFactors(), k);
    float[] out = new float[model.userIds().size() * k];
    for (int u = 0; u < model.userIds().size(); u++) {
      String user = model.userIds().get(u);
      List<Row> mine = rows.stream().filter(r -> r.getString(0).equals(user)).toList();
      float[] vectors = new float[mine.size() * k];
      float[] weights = new float[mine.size()];
      for (int e = 0; e < mine.size(); e++) {
        int item = model.itemIds().indexOf(mine.get(e).getString(1));
        System.arraycopy(model.itemFactors(), item * k, vectors, e * k, k);
        weights[e] = mine.get(e).getFloat(2);
      }
      double rowLambda = scaled ? regParam * mine.size() : lambda;
      float[] x = new float[k];
      assertTrue(new AlsFoldIn(k, gram, rowLambda, alpha).solve(vectors, weights, mine.size(), x));
      System.arraycopy(x, 0, out, u * k, k);
    }
    return out;
  }

  private static void assertArrayEquals(float[] expected, float[] actual, float tolerance) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, "value " + i);
    }
  }
}
