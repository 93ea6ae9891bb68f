package org.solrpersonalize.trainer.als;

import org.solrpersonalize.math.AlsFoldIn;

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
    return DenseVectors.dot(userFactors, user * k, itemFactors, item * k, k);
  }

  /**
   * Computes the factors of a user who is not in the model from the items they touched, exactly
   * as one ALS user step would (and as the plugin's session fold-in does).
   *
   * <pre>{@code
   * float[] x = model.foldIn(new int[] {3, 17}, new float[] {1f, 5f});
   * }</pre>
   */
  public float[] foldIn(int[] itemIndexes, float[] weights) {
    if (itemIndexes.length != weights.length) {
      throw new IllegalArgumentException("one weight per item is needed");
    }
    float[] vectors = new float[itemIndexes.length * k];
    for (int e = 0; e < itemIndexes.length; e++) {
      System.arraycopy(itemFactors, itemIndexes[e] * k, vectors, e * k, k);
    }
    float[] out = new float[k];
    AlsFoldIn solver = new AlsFoldIn(k, AlsFoldIn.gram(itemFactors, k), regularization, alpha);
    if (!solver.solve(vectors, weights, itemIndexes.length, out)) {
      throw new IllegalStateException("fold-in system is not positive definite");
    }
    return out;
  }
}
