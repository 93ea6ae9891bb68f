package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.CsrMatrix;

/** Root mean squared error of predicted ratings. */
public final class RatingError {
  private RatingError() {}

  /**
   * @param ratings users x items, the same index space as the model; NaN when empty
   */
  public static double rmse(ExplicitMfModel model, CsrMatrix ratings) {
    double sum = 0;
    for (int u = 0; u < ratings.rows(); u++) {
      for (int e = ratings.rowStart(u); e < ratings.rowEnd(u); e++) {
        double error = ratings.vals()[e] - model.predict(u, ratings.cols()[e]);
        sum += error * error;
      }
    }
    return ratings.nnz() == 0 ? Double.NaN : Math.sqrt(sum / ratings.nnz());
  }
}
