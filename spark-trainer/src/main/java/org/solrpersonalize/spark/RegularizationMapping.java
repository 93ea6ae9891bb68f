package org.solrpersonalize.spark;

import java.util.Locale;

/**
 * With {@code --als mllib}: how {@code --regularization} and {@code --alpha} become Spark MLlib
 * ALS's {@code regParam} and {@code alpha}, and interaction weights become its ratings.
 *
 * <p>Both engines solve, for each row u (a user, or an item on the other half-step) against the
 * fixed factors Y of the other side, the implicit normal equation of Hu, Koren and Volinsky:
 *
 * <pre>
 * (Y^T Y + sum_i alpha w_ui y_i y_i^T + lambda_u I) x_u = sum_i (1 + alpha w_ui) y_i
 * </pre>
 *
 * <ul>
 *   <li>{@code alpha} is the same on both engines: Spark's confidence is {@code 1 + alpha |r|}.
 *   <li>Ours has {@code lambda_u = lambda}, the same for every row. Spark's has {@code lambda_u =
 *       regParam * n_u}, n_u being the number of positive ratings of the row (ALS-WR; {@code
 *       computeFactors} in Spark's {@code ALS.scala}). No {@code regParam} gives a constant lambda
 *       unless every user and every item has the same number of interactions, so the mapping is
 *       exact only then, and otherwise the closest single value is taken: the one with the same
 *       total ridge weight over all rows of both sides, {@code sum_u lambda + sum_i lambda =
 *       regParam (sum_u n_u + sum_i n_i)}, that is {@code regParam = lambda (users + items) / (2
 *       pairs)}: lambda divided by the mean row length. A row of mean length is regularized as
 *       ours, a longer row more, a shorter row less.
 *       <p>Measured on the demo shop (1,000 users, 2,000 products, 20% random holdout, k 64, 15
 *       iterations, lambda 100, alpha 5): the local trainer reaches NDCG@10 0.242; MLlib with this
 *       mapping (regParam 14.7) 0.002, its factors shrunk to nothing because every row is now
 *       regularized like a row of mean length against data of its own length; the best regParam of
 *       a sweep from 0.06 to 59 (1.47) 0.204. ALS-WR is a different model, not a rescaling of ours,
 *       which is why {@link AlsImplementation#TRAINER} is the default.
 *   <li>A weight of 0 is a preference of 1 with confidence 1 in ours; Spark drops a rating of 0
 *       (preference 0, not counted). It is sent as {@link Float#MIN_NORMAL}, a preference of 1 with
 *       confidence {@code 1 + alpha * 1.2e-38}: ours to float precision.
 *   <li>Repeated (user, item) pairs are summed before ALS, as the local loader does: Spark would
 *       add each repeat's preference and count separately.
 * </ul>
 *
 * @param regularization our lambda
 * @param regParam Spark's {@code regParam}
 * @param meanRowLength {@code 2 pairs / (users + items)}
 */
public record RegularizationMapping(double regularization, double regParam, double meanRowLength) {

  /**
   * @param users rows on the user side (each with at least one pair)
   * @param items rows on the item side (each with at least one pair)
   * @param pairs distinct (user, item) pairs
   */
  public static RegularizationMapping of(
      double regularization, long users, long items, long pairs) {
    if (users < 1 || items < 1 || pairs < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "need users, items and pairs >= 1, got %d, %d and %d",
              users,
              items,
              pairs));
    }
    double meanRowLength = 2.0 * pairs / (users + items);
    return new RegularizationMapping(regularization, regularization / meanRowLength, meanRowLength);
  }

  /** Spark's rating for an interaction weight (>= 0): the weight, or a positive zero. */
  public static float sparkRating(float weight) {
    return weight > 0 ? weight : Float.MIN_NORMAL;
  }

  /** Our per-row lambda Spark applies to a row of {@code n} interactions. */
  public double effectiveRegularization(long n) {
    return regParam * n;
  }
}
