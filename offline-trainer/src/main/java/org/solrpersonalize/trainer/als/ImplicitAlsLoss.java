package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * The implicit-ALS objective {@code sum_{u,i} c_ui (p_ui - x_u.y_i)^2 + lambda (|X|^2 + |Y|^2)}
 * over all user-item pairs, with {@code p = 1, c = 1 + alpha w} on observed pairs and {@code p = 0,
 * c = 1} elsewhere. The users x items sum is never enumerated: {@code sum_{u,i} (x_u.y_i)^2 =
 * trace(X^T X Y^T Y)}, plus a correction {@code c (1 - s)^2 - s^2} for each observed pair with
 * score {@code s}. Accumulated in double precision.
 *
 * <p>The corrections are summed row by row of the item sweep, right after each item is solved
 * ({@link #rowCorrection}): its users' factors are still in the CPU cache then, where a separate
 * pass would fetch every one of them from memory again (an eighth of an iteration's time at 10M
 * interactions).
 */
final class ImplicitAlsLoss {
  private ImplicitAlsLoss() {}

  /**
   * The corrections of one row's observed pairs: {@code sum_e c_e (1 - s_e)^2 - s_e^2} with {@code
   * s_e = fixed[cols[e]] . solved[row]}. Either side's rows give the same total.
   */
  static double rowCorrection(
      int row,
      CsrMatrix interactions,
      float[] fixed,
      float[] solved,
      int k,
      double alpha,
      FloatKernels kernels) {
    double sum = 0;
    int[] cols = interactions.cols();
    float[] vals = interactions.vals();
    for (int e = interactions.rowStart(row); e < interactions.rowEnd(row); e++) {
      double score = kernels.dot(fixed, cols[e] * k, solved, row * k, k);
      double confidence = 1 + alpha * vals[e];
      sum += confidence * (1 - score) * (1 - score) - score * score;
    }
    return sum;
  }

  /**
   * @param userGram {@code X^T X}
   * @param itemGram {@code Y^T Y}
   * @param corrections the sum of {@link #rowCorrection} over every row of one side
   */
  static double total(
      double[] userGram, double[] itemGram, double corrections, int k, double regularization) {
    return GramMatrix.frobeniusProduct(userGram, itemGram)
        + corrections
        + regularization * (GramMatrix.trace(userGram, k) + GramMatrix.trace(itemGram, k));
  }
}
