package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.concurrent.RowBlocks;
import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * The implicit-ALS objective {@code sum_{u,i} c_ui (p_ui - x_u.y_i)^2 + lambda (|X|^2 + |Y|^2)}
 * over all user-item pairs, with {@code p = 1, c = 1 + alpha w} on observed pairs and {@code p = 0,
 * c = 1} elsewhere. The users x items sum is never enumerated: {@code sum_{u,i} (x_u.y_i)^2 =
 * trace(X^T X Y^T Y)}, plus a correction {@code c (1 - s)^2 - s^2} for each observed pair with
 * score {@code s}. Accumulated in double precision.
 */
public final class ImplicitAlsLoss {
  private static final int BLOCK = 256;

  private ImplicitAlsLoss() {}

  /**
   * @param userGram {@code X^T X}
   * @param itemGram {@code Y^T Y}
   */
  public static double compute(
      CsrMatrix userItems,
      float[] userFactors,
      float[] itemFactors,
      double[] userGram,
      double[] itemGram,
      int k,
      double regularization,
      double alpha,
      RowBlocks blocks) {
    double[] corrections =
        blocks.run(
            userItems.rows(),
            BLOCK,
            () -> null,
            (from, to, unused) -> {
              double sum = 0;
              int[] cols = userItems.cols();
              float[] vals = userItems.vals();
              for (int u = from; u < to; u++) {
                for (int e = userItems.rowStart(u); e < userItems.rowEnd(u); e++) {
                  double score = DenseVectors.dot(userFactors, u * k, itemFactors, cols[e] * k, k);
                  double confidence = 1 + alpha * vals[e];
                  sum += confidence * (1 - score) * (1 - score) - score * score;
                }
              }
              return sum;
            });
    return GramMatrix.frobeniusProduct(userGram, itemGram)
        + RowBlocks.sum(corrections)
        + regularization * (GramMatrix.trace(userGram, k) + GramMatrix.trace(itemGram, k));
  }
}
