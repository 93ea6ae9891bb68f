package org.solrpersonalize.trainer.gmm;

import java.util.Locale;

/**
 * Each user's mixture over the item clusters, {@code theta_u}, with Dirichlet smoothing toward the
 * global weights: {@code theta_uk ∝ prior * pi_k + sum_i w_ui gamma_ik}. A user with few
 * interactions stays close to {@code pi}; one with many follows the clusters of their items. The
 * plugin's {@code clusterll(U)} reads these as logs.
 *
 * <p>Example: {@code pi = (0.25, 0.75)}, {@code prior = 2}, a user with item 0 ({@code w = 1},
 * {@code gamma = (1, 0)}) and item 1 ({@code w = 3}, {@code gamma = (0.5, 0.5)}): {@code (0.5 + 1 +
 * 1.5, 1.5 + 0 + 1.5) = (3, 3)}, so {@code theta = (0.5, 0.5)}, returned as {@code (log 0.5, log
 * 0.5)}.
 */
public final class UserClusterAffinity {
  private UserClusterAffinity() {}

  /**
   * @param users number of users (rows of the CSR matrix)
   * @param rowPtr CSR row pointers, {@code users + 1} non-decreasing offsets from 0
   * @param cols item index of each interaction
   * @param vals interaction weight {@code w_ui >= 0} of each interaction
   * @param itemResponsibilities row-major {@code items x K} posteriors {@code gamma_ik}
   * @param weights mixture weights {@code pi}, length K
   * @param prior Dirichlet strength (pseudo-interactions spread as {@code pi}), {@code >= 0}
   * @return row-major {@code users x K} values {@code log theta_uk}
   * @throws IllegalArgumentException for inconsistent shapes, an item out of range or a negative
   *     weight (naming the user), or a user with no mass when {@code prior} is 0
   */
  public static float[] logAffinities(
      int users,
      int[] rowPtr,
      int[] cols,
      float[] vals,
      float[] itemResponsibilities,
      double[] weights,
      double prior) {
    int K = checkMixture(itemResponsibilities, weights, prior);
    checkInteractions(users, rowPtr, cols, vals);
    int items = itemResponsibilities.length / K;
    float[] out = new float[users * K];
    double[] theta = new double[K];
    for (int u = 0; u < users; u++) {
      for (int c = 0; c < K; c++) {
        theta[c] = prior * weights[c];
      }
      for (int p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
        int item = cols[p];
        float w = vals[p];
        if (item < 0 || item >= items) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT, "user %d: item index %d is outside [0, %d)", u, item, items));
        }
        if (!(w >= 0) || !Float.isFinite(w)) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "user %d: weight of item %d must be finite and >= 0, got %s",
                  u,
                  item,
                  w));
        }
        for (int c = 0; c < K; c++) {
          theta[c] += w * (double) itemResponsibilities[item * K + c];
        }
      }
      double total = 0;
      for (int c = 0; c < K; c++) {
        total += theta[c];
      }
      if (!(total > 0)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "user %d has no positive interaction weight and prior is %s: affinity undefined",
                u,
                prior));
      }
      for (int c = 0; c < K; c++) {
        out[u * K + c] = (float) Math.log(theta[c] / total);
      }
    }
    return out;
  }

  /** Returns K, the number of weights. */
  private static int checkMixture(float[] itemResponsibilities, double[] weights, double prior) {
    if (weights == null || weights.length == 0) {
      throw new IllegalArgumentException("weights must hold the K mixture weights");
    }
    int K = weights.length;
    if (itemResponsibilities == null || itemResponsibilities.length % K != 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "itemResponsibilities must hold items x K = items x %d values, got %s",
              K,
              itemResponsibilities == null ? "null" : itemResponsibilities.length));
    }
    if (!(prior >= 0) || !Double.isFinite(prior)) {
      throw new IllegalArgumentException("prior must be finite and >= 0, got " + prior);
    }
    return K;
  }

  private static void checkInteractions(int users, int[] rowPtr, int[] cols, float[] vals) {
    if (users < 0) {
      throw new IllegalArgumentException("users must be >= 0, got " + users);
    }
    if (rowPtr == null || rowPtr.length != users + 1 || rowPtr[0] != 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "rowPtr must hold users + 1 = %d offsets starting at 0", users + 1));
    }
    if (cols == null
        || vals == null
        || cols.length != vals.length
        || rowPtr[users] != cols.length) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "cols and vals must both hold rowPtr[users] = %d values, got %s and %s",
              rowPtr[users],
              cols == null ? "null" : cols.length,
              vals == null ? "null" : vals.length));
    }
    for (int u = 0; u < users; u++) {
      if (rowPtr[u + 1] < rowPtr[u]) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "rowPtr decreases at user %d: %d then %d",
                u,
                rowPtr[u],
                rowPtr[u + 1]));
      }
    }
  }
}
