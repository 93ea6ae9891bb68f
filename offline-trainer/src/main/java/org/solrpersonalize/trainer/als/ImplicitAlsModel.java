package org.solrpersonalize.trainer.als;

import org.solrpersonalize.math.FloatDot;

/**
 * Trained implicit-ALS factors. The predicted preference of user u for item i is {@code
 * userFactors[u*k..] . itemFactors[i*k..]}.
 *
 * @param k latent dimension
 * @param users rows of {@code userFactors}
 * @param items rows of {@code itemFactors}
 * @param userFactors users x k row-major
 * @param itemFactors items x k row-major
 * @param regularization the lambda it was trained with (fold-in must use the same)
 * @param alpha the confidence scale it was trained with
 */
public record ImplicitAlsModel(
    int k,
    int users,
    int items,
    float[] userFactors,
    float[] itemFactors,
    double regularization,
    double alpha) {

  public ImplicitAlsModel {
    if (userFactors.length != (long) users * k || itemFactors.length != (long) items * k) {
      throw new IllegalArgumentException(
          "factor arrays must be users*k and items*k long, got "
              + userFactors.length
              + " and "
              + itemFactors.length);
    }
  }

  public float score(int user, int item) {
    return FloatDot.dot(userFactors, user * k, itemFactors, item * k, k);
  }
}
