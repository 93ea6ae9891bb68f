package org.solrpersonalize.trainer.als;

import org.solrpersonalize.math.FloatDot;

/**
 * Factors for ratings: {@code r(u, i) = mean + userBias[u] + itemBias[i] + x_u . y_i} (means and
 * biases are zero for a model trained without biases).
 *
 * @param k latent dimension
 * @param userFactors users x k row-major
 * @param itemFactors items x k row-major
 */
public record ExplicitMfModel(
    int k,
    int users,
    int items,
    float[] userFactors,
    float[] itemFactors,
    double mean,
    float[] userBias,
    float[] itemBias) {

  public ExplicitMfModel {
    if (userFactors.length != (long) users * k
        || itemFactors.length != (long) items * k
        || userBias.length != users
        || itemBias.length != items) {
      throw new IllegalArgumentException("array lengths do not match users, items and k");
    }
  }

  public double predict(int user, int item) {
    return mean
        + userBias[user]
        + itemBias[item]
        + FloatDot.dot(userFactors, user * k, itemFactors, item * k, k);
  }

  /**
   * User factors of dimension k+2, {@code [x_u, mean + b_u, 1]}, whose dot product with {@link
   * #augmentedItemFactors} is exactly {@link #predict}: the plugin's plain dot product then ranks
   * by predicted rating.
   */
  public float[] augmentedUserFactors() {
    float[] out = new float[users * (k + 2)];
    for (int u = 0; u < users; u++) {
      System.arraycopy(userFactors, u * k, out, u * (k + 2), k);
      out[u * (k + 2) + k] = (float) (mean + userBias[u]);
      out[u * (k + 2) + k + 1] = 1f;
    }
    return out;
  }

  /** Item factors of dimension k+2, {@code [y_i, 1, b_i]}. */
  public float[] augmentedItemFactors() {
    float[] out = new float[items * (k + 2)];
    for (int i = 0; i < items; i++) {
      System.arraycopy(itemFactors, i * k, out, i * (k + 2), k);
      out[i * (k + 2) + k] = 1f;
      out[i * (k + 2) + k + 1] = itemBias[i];
    }
    return out;
  }
}
