package org.solrpersonalize.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.weighting.ConfidenceLimit;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

/**
 * {@code --confidence} on Spark: the pairs' weights become the {@code w} of implicit ALS's
 * confidence {@code 1 + alpha * w}, entry by entry, by {@link ConfidenceWeighting}'s own per-entry
 * functions, so that both engines give the same floats (bm25's sums of a user's weights may be
 * added in another order: equal within a float's rounding).
 *
 * <pre>{@code
 * Dataset<Row> weighted = ConfidenceWeights.weigh(training, ConfidenceWeighting.of(BM25), users);
 * }</pre>
 */
final class ConfidenceWeights {
  private ConfidenceWeights() {}

  /**
   * @param pairs columns {@code u, i, weight} (one row per pair), more columns dropped
   * @param users N of bm25's idf: the users of the model, with or without pairs here
   * @return columns {@code u, i, weight, rating}: {@code weight} weighted, {@code rating} the same
   *     but never 0 (MLlib's implicit ALS takes a rating of 0 for no interaction)
   */
  static Dataset<Row> weigh(Dataset<Row> pairs, ConfidenceWeighting weighting, int users) {
    Dataset<Row> weighted =
        switch (weighting.scheme()) {
          case LINEAR -> pairs.select(col("u"), col("i"), col("weight"));
          case LOG ->
              pairs.select(
                  col("u"), col("i"), log(weighting.eps()).apply(col("weight")).as("weight"));
          case BM25 -> bm25(pairs, weighting, users);
        };
    return weighted.select(
        col("u"),
        col("i"),
        col("weight"),
        when(col("weight").gt(0), col("weight"))
            .otherwise(lit(Float.MIN_NORMAL))
            .cast(DataTypes.FloatType)
            .as("rating"));
  }

  /**
   * The local trainer's bound on the confidence ({@link ConfidenceLimit}): beyond it the float
   * solver gives NaN factors, so the largest weight is checked before ALS.
   *
   * @param weighted columns {@code u, i, weight}, as {@link #weigh} returns them
   * @throws BadInputException naming the user and item of the largest confidence above the bound
   */
  static void checkLimit(
      Dataset<Row> weighted, double alpha, List<String> userIds, List<String> itemIds) {
    for (Row largest :
        weighted
            .select("u", "i", "weight")
            .orderBy(col("weight").desc(), col("u"), col("i"))
            .limit(1)
            .collectAsList()) {
      ConfidenceLimit.check(
          alpha,
          largest.getFloat(2),
          userIds.get(largest.getInt(0)),
          itemIds.get(largest.getInt(1)));
    }
  }

  private static UserDefinedFunction log(double eps) {
    return udf((UDF1<Float, Float>) w -> ConfidenceWeighting.logWeight(w, eps), DataTypes.FloatType)
        .withName("log_weight");
  }

  /**
   * The length norm per user and the idf per item, as the local {@code weigh} computes them (the
   * same doubles), joined to the pairs: per entry only the weight itself.
   */
  private static Dataset<Row> bm25(Dataset<Row> pairs, ConfidenceWeighting weighting, int users) {
    Dataset<Row> rowSums =
        pairs.groupBy("u").agg(sum(col("weight").cast(DataTypes.DoubleType)).as("rowSum"));
    Row total = rowSums.agg(sum("rowSum")).first();
    double mean = ConfidenceWeighting.meanRowSum(total.isNullAt(0) ? 0 : total.getDouble(0), users);
    double k1 = weighting.k1();
    double b = weighting.b();
    UserDefinedFunction lengthNorm =
        udf(
                (UDF1<Double, Double>) rowSum -> ConfidenceWeighting.lengthNorm(b, rowSum, mean),
                DataTypes.DoubleType)
            .withName("bm25_length_norm");
    UserDefinedFunction idf =
        udf((UDF1<Integer, Double>) n -> ConfidenceWeighting.idf(users, n), DataTypes.DoubleType)
            .withName("bm25_idf");
    UserDefinedFunction bm25 =
        udf(
                (UDF3<Float, Double, Double, Float>)
                    (w, norm, itemIdf) -> ConfidenceWeighting.bm25Weight(w, k1, norm, itemIdf),
                DataTypes.FloatType)
            .withName("bm25_weight");
    Dataset<Row> lengthNorms = rowSums.select(col("u"), lengthNorm.apply(col("rowSum")).as("norm"));
    Dataset<Row> idfs =
        pairs
            .groupBy("i")
            .agg(count(lit(1)).cast("int").as("n"))
            .select(col("i"), idf.apply(col("n")).as("idf"));
    return pairs
        .select("u", "i", "weight")
        .join(lengthNorms, "u")
        .join(idfs, "i")
        .select(
            col("u"), col("i"), bm25.apply(col("weight"), col("norm"), col("idf")).as("weight"));
  }
}
