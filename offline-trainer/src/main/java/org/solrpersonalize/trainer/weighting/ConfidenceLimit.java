package org.solrpersonalize.trainer.weighting;

import java.util.List;
import java.util.Locale;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * The largest confidence the float conjugate-gradient solver is given. Its residuals grow with the
 * square and its curvature term with the cube of the confidence: on 300 x 200 random data (k = 32,
 * 15 iterations) the first NaN factors came at a confidence of 5e10 (weight 1e10, alpha 5), so
 * {@value #MAX_CONFIDENCE} leaves a factor of 50. The loader caps one line's weight; this checks
 * what it cannot see: repeated pairs summed, and alpha.
 */
public final class ConfidenceLimit {
  public static final double MAX_CONFIDENCE = 1e9;

  private ConfidenceLimit() {}

  /**
   * @param weighted users x items after {@link ConfidenceWeighting#weigh}
   * @throws BadInputException naming the user and item of the largest confidence when it is above
   *     {@link #MAX_CONFIDENCE}
   */
  public static void check(
      CsrMatrix weighted, double alpha, List<String> userIds, List<String> itemIds) {
    float[] vals = weighted.vals();
    int largest = -1;
    for (int e = 0; e < vals.length; e++) {
      if (largest < 0 || vals[e] > vals[largest]) {
        largest = e;
      }
    }
    if (largest < 0) {
      return;
    }
    if (1 + alpha * vals[largest] > MAX_CONFIDENCE) {
      int user = 0;
      while (weighted.rowEnd(user) <= largest) {
        user++;
      }
      check(alpha, vals[largest], userIds.get(user), itemIds.get(weighted.cols()[largest]));
    }
  }

  /**
   * The check of one entry, the largest weight: for engines that find it themselves (Spark).
   *
   * @throws BadInputException naming the user and item when {@code 1 + alpha * w} is above {@link
   *     #MAX_CONFIDENCE}
   */
  public static void check(double alpha, float w, String userId, String itemId) {
    if (1 + alpha * w > MAX_CONFIDENCE) {
      throw new BadInputException(
          String.format(
              Locale.ROOT,
              "the confidence 1 + alpha * w = 1 + %s * %s of user '%s' and item '%s' is above 1e9,"
                  + " beyond which the float solver gives NaN factors; lower --alpha, use a"
                  + " smaller unit for the weights, or --confidence log",
              alpha,
              w,
              userId,
              itemId));
    }
  }
}
