package org.solrpersonalize.trainer.eval;

import java.util.Arrays;

/**
 * Ranking metrics of one user at cutoff K, with binary relevance (an item is relevant when it is in
 * the user's test set T):
 *
 * <ul>
 *   <li>precision = hits / K
 *   <li>recall = hits / |T|
 *   <li>NDCG = DCG / IDCG with {@code DCG = sum over hit ranks r of 1/log2(r+1)} and IDCG the DCG
 *       of {@code min(K, |T|)} hits at the top
 *   <li>AP = {@code (sum over hit ranks r of hits-up-to-r / r) / min(K, |T|)}; MAP is its mean
 *   <li>hit rate = 1 if any hit, else 0
 * </ul>
 *
 * Example: K = 3, ranking {@code [a, b, c]}, T = {@code {b, d}}: precision 1/3, recall 1/2, NDCG
 * {@code (1/log2 3) / (1 + 1/log2 3)}, AP {@code (1/2) / 2 = 1/4}, hit 1.
 */
public final class RankingMetrics {
  public static final int PRECISION = 0;
  public static final int RECALL = 1;
  public static final int NDCG = 2;
  public static final int AP = 3;
  public static final int HIT = 4;
  public static final int COUNT = 5;

  private RankingMetrics() {}

  /**
   * Computes the five metrics into {@code out[offset .. offset+5)}.
   *
   * @param ranked recommended items, best first, {@code ranked[0..count)}
   * @param at the cutoff (precision divides by it even if fewer items were ranked)
   * @param relevant the user's test items, sorted, in {@code relevant[from..to)}, not empty
   */
  public static void compute(
      int[] ranked, int count, int at, int[] relevant, int from, int to, double[] out, int offset) {
    int size = to - from;
    if (size <= 0) {
      throw new IllegalArgumentException("a user without test items has no ranking metrics");
    }
    int hits = 0;
    double dcg = 0;
    double precisionSum = 0;
    for (int r = 0; r < Math.min(count, at); r++) {
      if (Arrays.binarySearch(relevant, from, to, ranked[r]) >= 0) {
        hits++;
        dcg += 1.0 / log2(r + 2);
        precisionSum += (double) hits / (r + 1);
      }
    }
    double idcg = 0;
    int ideal = Math.min(at, size);
    for (int r = 0; r < ideal; r++) {
      idcg += 1.0 / log2(r + 2);
    }
    out[offset + PRECISION] = (double) hits / at;
    out[offset + RECALL] = (double) hits / size;
    out[offset + NDCG] = dcg / idcg;
    out[offset + AP] = precisionSum / ideal;
    out[offset + HIT] = hits > 0 ? 1 : 0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
