package org.solrpersonalize.trainer.weighting;

import java.util.LinkedHashMap;
import java.util.Map;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * Turns the user-item weights {@code w} into the weights {@code w'} that implicit ALS scales by
 * alpha, so that confidence is {@code 1 + alpha * w'}:
 *
 * <ul>
 *   <li>{@code linear}: {@code w' = w};
 *   <li>{@code log}: {@code w' = log(1 + w / eps)};
 *   <li>{@code bm25}: as implicit's {@code bm25_weight(X, K1, B)} over users x items: with N users,
 *       {@code idf_i = log(N / (1 + n_i))} where n_i users have item i, the user's weight sum s_u
 *       against the mean s over all users, {@code w' = w (K1 + 1) / (K1 ((1 - B) + B s_u / s) + w)
 *       * idf_i}. One deviation: an item every user has gets {@code idf < 0}, which implicit keeps
 *       and which would make confidence below 1 or negative (an indefinite row system); here such a
 *       weight is 0, confidence 1.
 * </ul>
 *
 * A small typed value, so that a tuner can search over it; validated here.
 *
 * <p>Example: {@code new ConfidenceWeighting(ConfidenceScheme.LOG, 1, 100, 0.8)} is {@code
 * --confidence log --confidence-eps 1}.
 *
 * @param scheme linear, log or bm25
 * @param eps log: the weight that counts as one, finite and > 0
 * @param k1 bm25: term-frequency saturation, finite and >= 0
 * @param b bm25: length normalization, in [0, 1]
 */
public record ConfidenceWeighting(ConfidenceScheme scheme, double eps, double k1, double b) {
  public static final double DEFAULT_EPS = 1.0;

  /** implicit's default for {@code bm25_weight} ({@code K1=100}). */
  public static final double DEFAULT_K1 = 100.0;

  /** implicit's default for {@code bm25_weight} ({@code B=0.8}). */
  public static final double DEFAULT_B = 0.8;

  /**
   * {@code --confidence linear}: the confidence the trainer has always used, and the default. On
   * MovieLens ml-latest-small (every rating an event of weight 1, seeded 80/20 random holdout,
   * NDCG@10) it tied with log at lambda 30, alpha 3 (linear 0.338, log 0.339, bm25 0.299); at the
   * defaults lambda 100, alpha 5, bm25 led (0.324 against 0.254 and 0.233), so which scheme wins
   * depends on lambda and alpha, and a tuner should search them together.
   */
  public static final ConfidenceWeighting LINEAR = of(ConfidenceScheme.LINEAR);

  public ConfidenceWeighting {
    if (scheme == null) {
      throw new BadInputException("--confidence must be given");
    }
    if (!(eps > 0) || Double.isInfinite(eps)) {
      throw new BadInputException("--confidence-eps must be a finite number > 0, got " + eps);
    }
    if (!(k1 >= 0) || Double.isInfinite(k1)) {
      throw new BadInputException("--bm25-k1 must be a finite number >= 0, got " + k1);
    }
    if (!(b >= 0 && b <= 1)) {
      throw new BadInputException("--bm25-b must be in [0, 1], got " + b);
    }
  }

  /** The scheme with the default parameters. */
  public static ConfidenceWeighting of(ConfidenceScheme scheme) {
    return new ConfidenceWeighting(scheme, DEFAULT_EPS, DEFAULT_K1, DEFAULT_B);
  }

  /** For the manifest's hyperparameters: the scheme and the parameters it uses. */
  public Map<String, Object> hyperparameters() {
    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("confidence", scheme.option());
    if (scheme == ConfidenceScheme.LOG) {
      hyper.put("confidenceEps", eps);
    } else if (scheme == ConfidenceScheme.BM25) {
      hyper.put("bm25K1", k1);
      hyper.put("bm25B", b);
    }
    return hyper;
  }

  /**
   * The weighted matrix, same shape and entries; {@code linear} returns {@code userItems} itself.
   *
   * @param userItems users x items, weights >= 0
   */
  public CsrMatrix weigh(CsrMatrix userItems) {
    // linear copies nothing: it is the default, weighed on every fit and tuning candidate
    return switch (scheme) {
      case LINEAR -> userItems;
      case LOG -> withValues(userItems, logWeights(userItems.vals()));
      case BM25 -> withValues(userItems, bm25(userItems));
    };
  }

  private static CsrMatrix withValues(CsrMatrix userItems, float[] vals) {
    return new CsrMatrix(
        userItems.rows(), userItems.columns(), userItems.rowPtr(), userItems.cols(), vals);
  }

  private float[] logWeights(float[] vals) {
    float[] out = new float[vals.length];
    for (int e = 0; e < vals.length; e++) {
      out[e] = logWeight(vals[e], eps);
    }
    return out;
  }

  private float[] bm25(CsrMatrix userItems) {
    int users = userItems.rows();
    int[] cols = userItems.cols();
    float[] vals = userItems.vals();
    float[] out = new float[vals.length];
    int[] usersOfItem = new int[userItems.columns()];
    for (int c : cols) {
      usersOfItem[c]++;
    }
    double[] rowSums = new double[users];
    double total = 0;
    for (int u = 0; u < users; u++) {
      for (int e = userItems.rowStart(u); e < userItems.rowEnd(u); e++) {
        rowSums[u] += vals[e];
      }
      total += rowSums[u];
    }
    double mean = meanRowSum(total, users);
    // The idf per item and the length norm per user, not per entry: the same doubles.
    double[] idf = new double[usersOfItem.length];
    for (int i = 0; i < idf.length; i++) {
      idf[i] = idf(users, usersOfItem[i]);
    }
    for (int u = 0; u < users; u++) {
      double lengthNorm = lengthNorm(b, rowSums[u], mean);
      for (int e = userItems.rowStart(u); e < userItems.rowEnd(u); e++) {
        out[e] = bm25Weight(vals[e], k1, lengthNorm, idf[cols[e]]);
      }
    }
    return out;
  }

  /**
   * {@code log}'s weight of one entry: {@code log(1 + w / eps)}. Public, with {@link #bm25Weight},
   * so that an engine that weighs entries where they are (the Spark engine, per partition) computes
   * the very same floats as {@link #weigh}.
   */
  public static float logWeight(float w, double eps) {
    return (float) Math.log1p(w / eps);
  }

  /** {@code bm25}'s mean user weight sum s: the total over {@code users} users. */
  public static double meanRowSum(double total, int users) {
    return total / Math.max(1, users);
  }

  /**
   * {@code bm25}'s length norm of one user, {@code (1 - b) + b * s_u / s}: computed once per user,
   * as {@link #weigh} does, by an engine that weighs entries where they are.
   *
   * @param rowSum s_u, the sum of the user's weights
   * @param meanRowSum s, from {@link #meanRowSum}
   */
  public static double lengthNorm(double b, double rowSum, double meanRowSum) {
    return (1 - b) + b * rowSum / meanRowSum;
  }

  /**
   * {@code bm25}'s idf of one item, {@code log(N / (1 + n_i))}: computed once per item.
   *
   * @param users N, the users of the matrix (rows, with or without entries)
   * @param usersOfItem n_i, the users with the item
   */
  public static double idf(int users, int usersOfItem) {
    return Math.log((double) users / (1 + usersOfItem));
  }

  /**
   * {@code bm25}'s weight of one entry, 0 where the idf is negative (see the class comment).
   *
   * @param w the entry's weight
   * @param lengthNorm its user's, from {@link #lengthNorm}
   * @param idf its item's, from {@link #idf}
   */
  public static float bm25Weight(float w, double k1, double lengthNorm, double idf) {
    return (float) Math.max(0, w * (k1 + 1) / (k1 * lengthNorm + w) * idf);
  }
}
