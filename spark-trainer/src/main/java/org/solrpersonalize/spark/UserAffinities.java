package org.solrpersonalize.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.solrpersonalize.trainer.gmm.UserClusterAffinity;
import scala.Tuple2;

/**
 * Each user's log cluster affinities, computed where the interactions are: the item
 * responsibilities are broadcast, the interactions gathered by user, and every partition's users go
 * through the trainer's {@link UserClusterAffinity} as one small CSR matrix, so both engines apply
 * the same smoothing and the same checks.
 */
final class UserAffinities {
  private UserAffinities() {}

  /**
   * From the interactions, gathered by user with a shuffle (for MLlib's ALS, which keeps its blocks
   * to itself).
   *
   * @param pairs columns {@code u} (user index), {@code i} (item index), {@code weight} (summed
   *     interaction weight, >= 0)
   * @return users x K, {@code log theta_uk}
   */
  static float[] compute(
      Dataset<Row> pairs, int users, float[] itemResponsibilities, double[] weights, double prior) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(pairs.sparkSession().sparkContext());
    Broadcast<float[]> gamma = jsc.broadcast(itemResponsibilities);
    Broadcast<double[]> pi = jsc.broadcast(weights);
    int k = weights.length;
    List<Tuple2<int[], float[]>> parts =
        pairs
            .select(col("u"), col("i"), col("weight"))
            .repartition(col("u"))
            .sortWithinPartitions(col("u"))
            .javaRDD()
            .mapPartitions(rows -> partition(rows, gamma.value(), pi.value(), prior))
            .collect();
    gamma.destroy();
    pi.destroy();
    return gather(parts, users, k);
  }

  /**
   * The same from the trainer's ALS user blocks, which already hold each user's interactions where
   * the user is: no shuffle.
   */
  static float[] compute(
      JavaRDD<PartitionedImplicitAls.Block> userBlocks,
      int users,
      float[] itemResponsibilities,
      double[] weights,
      double prior) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(userBlocks.context());
    Broadcast<float[]> gamma = jsc.broadcast(itemResponsibilities);
    Broadcast<double[]> pi = jsc.broadcast(weights);
    List<Tuple2<int[], float[]>> parts =
        userBlocks
            .map(
                block ->
                    new Tuple2<>(
                        block.rows(),
                        UserClusterAffinity.logAffinities(
                            block.rows().length,
                            block.rowPtr(),
                            block.cols(),
                            block.vals(),
                            gamma.value(),
                            pi.value(),
                            prior)))
            .collect();
    gamma.destroy();
    pi.destroy();
    return gather(parts, users, weights.length);
  }

  private static float[] gather(List<Tuple2<int[], float[]>> parts, int users, int k) {
    float[] out = new float[users * k];
    for (Tuple2<int[], float[]> part : parts) {
      int[] userIndices = part._1();
      for (int r = 0; r < userIndices.length; r++) {
        System.arraycopy(part._2(), r * k, out, userIndices[r] * k, k);
      }
    }
    return out;
  }

  /** One partition's users (rows sorted by user) as a CSR matrix through the trainer's code. */
  private static Iterator<Tuple2<int[], float[]>> partition(
      Iterator<Row> rows, float[] gamma, double[] pi, double prior) {
    int[] userIndices = new int[16];
    int[] rowPtr = new int[17];
    int[] cols = new int[64];
    float[] vals = new float[64];
    int userCount = 0;
    int nnz = 0;
    int last = -1;
    while (rows.hasNext()) {
      Row row = rows.next();
      int user = row.getInt(0);
      if (user != last) {
        if (userCount == userIndices.length) {
          userIndices = Arrays.copyOf(userIndices, userCount * 2);
          rowPtr = Arrays.copyOf(rowPtr, userCount * 2 + 1);
        }
        userIndices[userCount] = user;
        rowPtr[userCount] = nnz;
        userCount++;
        last = user;
      }
      if (nnz == cols.length) {
        cols = Arrays.copyOf(cols, nnz * 2);
        vals = Arrays.copyOf(vals, nnz * 2);
      }
      cols[nnz] = row.getInt(1);
      vals[nnz] = row.getFloat(2);
      nnz++;
    }
    if (userCount == 0) {
      return new ArrayList<Tuple2<int[], float[]>>().iterator();
    }
    rowPtr[userCount] = nnz;
    float[] affinities =
        UserClusterAffinity.logAffinities(
            userCount,
            Arrays.copyOf(rowPtr, userCount + 1),
            Arrays.copyOf(cols, nnz),
            Arrays.copyOf(vals, nnz),
            gamma,
            pi,
            prior);
    return List.of(new Tuple2<>(Arrays.copyOf(userIndices, userCount), affinities)).iterator();
  }
}
