package org.solrpersonalize.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.als.FactorInit;
import org.solrpersonalize.trainer.als.GramMatrix;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.als.PartitionRowSolver;
import org.solrpersonalize.trainer.data.CsrMatrix;
import scala.Tuple2;

/**
 * The local trainer's implicit ALS ({@code ImplicitAlsTrainer}: same equations, same constant
 * lambda, same seeded initial factors, same row solvers), with the rows of each side spread over
 * Spark partitions.
 *
 * <p>Row {@code r} of a side lives in partition {@code r mod P}, with its interactions, its factors
 * and the list of the other side's partitions that hold one of its interactions. A half-iteration
 * sends each fixed row's factors once to every partition that needs them (the blocking of Spark
 * MLlib's ALS, without its per-row rescaling of lambda), adds up the fixed side's Gram matrix from
 * per-partition sums in partition order, and solves every row of the other side where it lives.
 * Each row's solve is the local trainer's, so with the same row numbering and seed the factors
 * match the local trainer's up to the rounding of the Gram sum.
 */
final class PartitionedImplicitAls {
  /**
   * One partition of one side.
   *
   * @param rows global row numbers, ascending
   * @param rowPtr CSR offsets of each row's interactions
   * @param cols global row numbers on the other side, ascending within a row
   * @param vals interaction weights
   * @param linkPtr offsets of each row's destinations in {@code links}
   * @param links partitions of the other side that hold an interaction of the row
   * @param factors rows x k
   */
  record Block(
      int[] rows,
      int[] rowPtr,
      int[] cols,
      float[] vals,
      int[] linkPtr,
      int[] links,
      float[] factors)
      implements Serializable {

    Block withFactors(float[] newFactors) {
      return new Block(rows, rowPtr, cols, vals, linkPtr, links, newFactors);
    }
  }

  /** Factors of some rows of the fixed side, sent to one partition of the solving side. */
  record Message(int[] rows, float[] factors) implements Serializable {}

  /**
   * Factors of both sides, row-major, in global row order, and the user side's blocks, still cached
   * for the user affinities until {@link #release()}.
   */
  record Factors(float[] users, float[] items, JavaRDD<Block> userBlocks) {
    void release() {
      userBlocks.unpersist(false);
    }
  }

  private PartitionedImplicitAls() {}

  /**
   * @param pairs columns {@code u}, {@code i}, {@code weight}: one row per distinct pair
   * @param partitions P, partitions per side
   */
  static Factors fit(
      Dataset<Row> pairs, int users, int items, ImplicitAlsConfig config, int partitions) {
    int k = config.factors();
    long seed = config.seed();
    JavaRDD<Row> rows = pairs.select("u", "i", "weight").javaRDD();
    JavaRDD<Block> userBlocks =
        blocks(keyedBy(rows, 0, 1), partitions, k, seed, FactorInit.USER_SIDE);
    JavaRDD<Block> itemBlocks =
        blocks(keyedBy(rows, 1, 0), partitions, k, seed, FactorInit.ITEM_SIDE);
    for (int iteration = 1; iteration <= config.iterations(); iteration++) {
      userBlocks = solve(userBlocks, itemBlocks, config, partitions);
      itemBlocks = solve(itemBlocks, userBlocks, config, partitions);
    }
    Factors out =
        new Factors(gather(userBlocks, users, k), gather(itemBlocks, items, k), userBlocks);
    itemBlocks.unpersist(false);
    return out;
  }

  /**
   * Each (u, i, weight) row keyed by its column {@code key}, the other index and the weight as
   * value.
   */
  private static JavaPairRDD<Integer, Tuple2<Integer, Float>> keyedBy(
      JavaRDD<Row> rows, int key, int other) {
    return rows.mapToPair(
        r -> new Tuple2<>(r.getInt(key), new Tuple2<>(r.getInt(other), r.getFloat(2))));
  }

  /** Groups (row, (other, weight)) into one block per partition, with initial factors. */
  private static JavaRDD<Block> blocks(
      JavaPairRDD<Integer, Tuple2<Integer, Float>> entries,
      int partitions,
      int k,
      long seed,
      int side) {
    JavaRDD<Block> blocks =
        entries
            .partitionBy(new HashPartitioner(partitions))
            .mapPartitions(it -> List.of(block(it, partitions, k, seed, side)).iterator(), true);
    return blocks.persist(StorageLevel.MEMORY_AND_DISK());
  }

  private static Block block(
      Iterator<Tuple2<Integer, Tuple2<Integer, Float>>> entries,
      int partitions,
      int k,
      long seed,
      int side) {
    List<Tuple2<Integer, Tuple2<Integer, Float>>> list = new ArrayList<>();
    entries.forEachRemaining(list::add);
    int n = list.size();
    long[] order = new long[n];
    for (int e = 0; e < n; e++) {
      Tuple2<Integer, Tuple2<Integer, Float>> t = list.get(e);
      // Sort by (row, other): both fit 31 bits, so one key orders them.
      order[e] = ((long) t._1() << 32) | t._2()._1();
    }
    Integer[] index = new Integer[n];
    for (int e = 0; e < n; e++) {
      index[e] = e;
    }
    Arrays.sort(index, (a, b) -> Long.compare(order[a], order[b]));
    int[] cols = new int[n];
    float[] vals = new float[n];
    int[] rowsTmp = new int[n];
    int[] rowPtrTmp = new int[n + 1];
    int rowCount = 0;
    int last = -1;
    for (int e = 0; e < n; e++) {
      Tuple2<Integer, Tuple2<Integer, Float>> t = list.get(index[e]);
      int row = t._1();
      if (row != last) {
        rowsTmp[rowCount] = row;
        rowPtrTmp[rowCount] = e;
        rowCount++;
        last = row;
      }
      cols[e] = t._2()._1();
      vals[e] = t._2()._2();
    }
    rowPtrTmp[rowCount] = n;
    int[] rows = Arrays.copyOf(rowsTmp, rowCount);
    int[] rowPtr = Arrays.copyOf(rowPtrTmp, rowCount + 1);
    int[] linkPtr = new int[rowCount + 1];
    int[] links = new int[n];
    boolean[] seen = new boolean[partitions];
    int linkCount = 0;
    for (int r = 0; r < rowCount; r++) {
      linkPtr[r] = linkCount;
      int start = linkCount;
      for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
        int destination = cols[p] % partitions;
        if (!seen[destination]) {
          seen[destination] = true;
          links[linkCount++] = destination;
        }
      }
      for (int l = start; l < linkCount; l++) {
        seen[links[l]] = false;
      }
    }
    linkPtr[rowCount] = linkCount;
    float[] factors = new float[rowCount * k];
    for (int r = 0; r < rowCount; r++) {
      PartitionRowSolver.initialRow(seed, side, rows[r], factors, r * k, k);
    }
    return new Block(rows, rowPtr, cols, vals, linkPtr, Arrays.copyOf(links, linkCount), factors);
  }

  /** Solves every row of {@code solving} against the current factors of {@code fixed}. */
  private static JavaRDD<Block> solve(
      JavaRDD<Block> solving, JavaRDD<Block> fixed, ImplicitAlsConfig config, int partitions) {
    int k = config.factors();
    double[] gram = gram(fixed, k);
    // The trainer's config records are not serializable: send what a row solve needs.
    double regularization = config.regularization();
    double alpha = config.alpha();
    AlsSolver solver = config.solver();
    int cgSteps = config.cgSteps();
    JavaPairRDD<Integer, Message> messages =
        fixed
            .flatMapToPair(block -> messages(block, partitions, k))
            .partitionBy(new HashPartitioner(partitions));
    JavaRDD<Block> solved =
        solving
            .zipPartitions(
                messages,
                (blocks, received) ->
                    solvePartition(
                        blocks,
                        received,
                        new ImplicitAlsConfig(k, 1, regularization, alpha, solver, cgSteps, 0, 1),
                        gram))
            .persist(StorageLevel.MEMORY_AND_DISK());
    solved.count();
    solving.unpersist(false);
    return solved;
  }

  private static Iterator<Tuple2<Integer, Message>> messages(Block block, int partitions, int k) {
    int[] counts = new int[partitions];
    for (int l : block.links()) {
      counts[l]++;
    }
    int[][] rows = new int[partitions][];
    float[][] factors = new float[partitions][];
    int[] filled = new int[partitions];
    for (int q = 0; q < partitions; q++) {
      rows[q] = new int[counts[q]];
      factors[q] = new float[counts[q] * k];
    }
    for (int r = 0; r < block.rows().length; r++) {
      for (int l = block.linkPtr()[r]; l < block.linkPtr()[r + 1]; l++) {
        int q = block.links()[l];
        rows[q][filled[q]] = block.rows()[r];
        System.arraycopy(block.factors(), r * k, factors[q], filled[q] * k, k);
        filled[q]++;
      }
    }
    List<Tuple2<Integer, Message>> out = new ArrayList<>();
    for (int q = 0; q < partitions; q++) {
      if (counts[q] > 0) {
        out.add(new Tuple2<>(q, new Message(rows[q], factors[q])));
      }
    }
    return out.iterator();
  }

  private static Iterator<Block> solvePartition(
      Iterator<Block> blocks,
      Iterator<Tuple2<Integer, Message>> received,
      ImplicitAlsConfig config,
      double[] gram) {
    if (!blocks.hasNext()) {
      return List.<Block>of().iterator();
    }
    Block block = blocks.next();
    int k = config.factors();
    // The received rows in ascending order, so that remapped columns still ascend in each row.
    List<Message> messages = new ArrayList<>();
    int total = 0;
    while (received.hasNext()) {
      Message m = received.next()._2();
      messages.add(m);
      total += m.rows().length;
    }
    long[] keys = new long[total];
    int[] source = new int[total * 2];
    int at = 0;
    for (int m = 0; m < messages.size(); m++) {
      int[] rows = messages.get(m).rows();
      for (int r = 0; r < rows.length; r++) {
        keys[at] = ((long) rows[r] << 32) | at;
        source[2 * at] = m;
        source[2 * at + 1] = r;
        at++;
      }
    }
    Arrays.sort(keys);
    int[] fixedRows = new int[total];
    float[] fixed = new float[total * k];
    for (int p = 0; p < total; p++) {
      int entry = (int) keys[p];
      fixedRows[p] = (int) (keys[p] >>> 32);
      Message m = messages.get(source[2 * entry]);
      System.arraycopy(m.factors(), source[2 * entry + 1] * k, fixed, p * k, k);
    }
    int[] localCols = new int[block.cols().length];
    for (int p = 0; p < localCols.length; p++) {
      localCols[p] = Arrays.binarySearch(fixedRows, block.cols()[p]);
      if (localCols[p] < 0) {
        throw new IllegalStateException(
            "ALS partition did not receive the factors of row " + block.cols()[p]);
      }
    }
    CsrMatrix interactions =
        new CsrMatrix(block.rows().length, total, block.rowPtr(), localCols, block.vals());
    float[] target = block.factors().clone();
    PartitionRowSolver solver = PartitionRowSolver.create(config, gram);
    for (int r = 0; r < block.rows().length; r++) {
      solver.solve(r, interactions, fixed, target);
    }
    return List.of(block.withFactors(target)).iterator();
  }

  /** {@code F^T F}, summed from per-partition sums in partition order (reproducible). */
  private static double[] gram(JavaRDD<Block> blocks, int k) {
    List<double[]> partials =
        blocks
            .mapPartitions(
                it -> {
                  double[] g = new double[k * k];
                  while (it.hasNext()) {
                    float[] f = it.next().factors();
                    GramMatrix.addUpperProducts(f, 0, f.length / k, k, g);
                  }
                  return List.of(g).iterator();
                })
            .collect();
    return GramMatrix.symmetricSum(partials, k);
  }

  private static float[] gather(JavaRDD<Block> blocks, int rows, int k) {
    float[] out = new float[Math.multiplyExact(rows, k)];
    for (Message part : blocks.map(b -> new Message(b.rows(), b.factors())).collect()) {
      for (int r = 0; r < part.rows().length; r++) {
        System.arraycopy(part.factors(), r * k, out, part.rows()[r] * k, k);
      }
    }
    return out;
  }
}
