package org.solrpersonalize.solr.search;

import java.io.IOException;
import org.solrpersonalize.math.LogSumExp;
import org.solrpersonalize.solr.kernel.CachedRowKernels;

/**
 * The cluster lifts of one model's rerank window ({@link ItemFactorReader#clusterLift}), computed
 * together after the leaf walk instead of one hit at a time inside it: the walk only copies each
 * hit's log-densities into columns, and the shifted sums then run a register's lanes of hits at a
 * time ({@link CachedRowKernels#shiftedExpSumsOfColumns}), by the same operations in the same
 * order.
 *
 * <p>Why: one hit's lift is a chain of dependent steps (a max across lanes, the exponentials, two
 * sums across lanes whose adds wait on one another, a log) that the walk, waiting on scattered
 * rows, ran hit after hit. At 250k products with the float cache, the walk and the lifts took 144
 * us (median) against 152 one hit at a time, on alternate requests of one bench run; 1,000 rows in
 * cache took 29 us side by side, and 13 to copy them into columns, against 47 to 66 one at a time
 * (docs/benchmark.md).
 *
 * <p>Only where the log-densities are the docValues' floats (float cache, docValues); an int8
 * cache's levels use their table per hit ({@link ItemFactorReader#hasExactDensities} says which).
 */
final class WindowClusterLifts implements ItemFactorReader.ExactLogSumExp {
  private final int size;
  private final int clusters;

  /**
   * Log-density {@code k} of hit {@code i} at {@code [k * size + i]}; made by the first copy (an
   * int8 cache's window makes none).
   */
  private float[] columns;

  /** Hits whose log-densities were copied; null before the first copy. */
  private boolean[] copied;

  /** The hit {@link #of} computes for, while {@link #liftsInto} lifts it. */
  private int current;

  private double[] terms;

  /**
   * Lifts for a window of {@code size} hits. Also where the kernel runs its rows one by one (fewer
   * clusters than a register's lanes, or no Vector API): a float cache's rows are then still read
   * in one loop ({@link ItemFactorReader#readFloatRows}), and a row's sums are the same from its
   * column as from its row.
   */
  WindowClusterLifts(int size, int clusters) {
    this.size = size;
    this.clusters = clusters;
  }

  /**
   * Copies hit {@code i}'s log-densities (its reader on it, with values); false when it must be
   * lifted now, one hit at a time.
   */
  boolean copy(ItemFactorReader items, int i) throws IOException {
    if (!items.hasExactDensities()) {
      return false;
    }
    items.copyDensities(columns(), size, i);
    copied[i] = true;
    return true;
  }

  /**
   * The columns, made on first use, for a run of hits read in one loop ({@link
   * ItemFactorReader#readFloatRows}, {@code size} the stride); {@link #copied} marks them after.
   */
  float[] columns() {
    if (columns == null) {
      columns = new float[size * clusters];
      copied = new boolean[size];
    }
    return columns;
  }

  /** The stride of {@link #columns()}: the window's size. */
  int stride() {
    return size;
  }

  /** Marks the hits of {@code [from, to)} that have values as copied into {@link #columns()}. */
  void copied(boolean[] hasValues, int from, int to) {
    for (int i = from; i < to; i++) {
      copied[i] |= hasValues[i];
    }
  }

  /** Writes the lift of every copied hit to {@code cluster[i]} (and {@code marginal[i]}). */
  void liftsInto(ClusterWeights weights, double[] cluster, double[] marginal) throws IOException {
    if (columns == null) {
      return;
    }
    double[] max = new double[size];
    double[] theta = new double[size];
    double[] pi = new double[size];
    CachedRowKernels.shiftedExpSumsOfColumns(
        columns, size, size, clusters, weights.theta(), weights.pi(), max, theta, pi);
    for (int i = 0; i < size; i++) {
      if (copied[i]) {
        current = i;
        cluster[i] = ItemFactorReader.lift(max[i], theta[i], pi[i], weights, marginal, i, this);
      }
    }
  }

  /**
   * {@code log sum_k exp(logWeights[k] + l_k)} of the {@link #current} hit, as its reader computes
   * it: only for a sum that lost float precision.
   */
  @Override
  public double of(float[] logWeights) {
    if (terms == null) {
      terms = new double[clusters];
    }
    for (int k = 0; k < clusters; k++) {
      terms[k] = (double) logWeights[k] + columns[k * size + current];
    }
    return LogSumExp.of(terms, 0, clusters);
  }
}
