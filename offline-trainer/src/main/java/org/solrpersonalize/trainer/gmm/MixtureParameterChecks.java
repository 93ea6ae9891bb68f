package org.solrpersonalize.trainer.gmm;

import java.lang.reflect.Array;
import java.util.Locale;

/** Validates mixture parameters given from outside (a constructor call or {@code gmm.json}). */
final class MixtureParameterChecks {
  /** Weights may be rounded by another tool; beyond this their sum is a mistake. */
  private static final double WEIGHT_SUM_TOLERANCE = 1e-6;

  /** Relative asymmetry accepted in a full covariance, for values printed with few digits. */
  private static final double SYMMETRY_TOLERANCE = 1e-9;

  private MixtureParameterChecks() {}

  /**
   * @throws IllegalArgumentException naming the first invalid parameter
   */
  static MixtureDensity density(
      CovarianceType type, double[] weights, double[][] means, double[][] covariances) {
    if (type == null) {
      throw new IllegalArgumentException("covarianceType is missing");
    }
    double[] w = weights(weights);
    double[][] mu = means(means, w.length);
    double[][] cov = covariances(type, covariances, w.length, mu[0].length);
    return new MixtureDensity(w, new ComponentDensities(type, mu, cov));
  }

  static int iterations(int iterations) {
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
    }
    return iterations;
  }

  private static double[] weights(double[] weights) {
    if (weights == null || weights.length == 0) {
      throw new IllegalArgumentException("weights are missing or empty");
    }
    double sum = 0;
    for (int c = 0; c < weights.length; c++) {
      if (!(weights[c] > 0) || !Double.isFinite(weights[c])) {
        throw invalid("weights[%d] must be positive and finite, got %s", c, weights[c]);
      }
      sum += weights[c];
    }
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      throw new IllegalArgumentException("weights must sum to 1, got " + sum);
    }
    return weights.clone();
  }

  private static void requireOnePerWeight(String name, String what, double[][] rows, int K) {
    if (rows == null || rows.length != K) {
      throw invalid("%s must have one %s per weight (%d), got %s", name, what, K, lengthOf(rows));
    }
  }

  private static double[][] means(double[][] means, int K) {
    requireOnePerWeight("means", "row", means, K);
    int d = means[0] == null ? 0 : means[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("means[0] is missing or empty");
    }
    double[][] copy = new double[K][];
    for (int c = 0; c < K; c++) {
      copy[c] = finiteRow("means", c, means[c], d);
    }
    return copy;
  }

  private static double[][] covariances(CovarianceType type, double[][] covariances, int K, int d) {
    requireOnePerWeight("covariances", "entry", covariances, K);
    int length = type == CovarianceType.FULL ? d * d : d;
    double[][] copy = new double[K][];
    for (int c = 0; c < K; c++) {
      copy[c] = finiteRow("covariances", c, covariances[c], length);
      if (type == CovarianceType.FULL) {
        requireSymmetric(c, copy[c], d);
      }
    }
    return copy;
  }

  private static double[] finiteRow(String name, int c, double[] row, int length) {
    if (row == null || row.length != length) {
      throw invalid("%s[%d] must have %d values, got %s", name, c, length, lengthOf(row));
    }
    for (int j = 0; j < length; j++) {
      if (!Double.isFinite(row[j])) {
        throw invalid("%s[%d][%d] is %s", name, c, j, row[j]);
      }
    }
    return row.clone();
  }

  private static void requireSymmetric(int c, double[] cov, int d) {
    for (int a = 0; a < d; a++) {
      for (int b = a + 1; b < d; b++) {
        double x = cov[a * d + b];
        double y = cov[b * d + a];
        if (Math.abs(x - y) > SYMMETRY_TOLERANCE * Math.max(Math.abs(x), Math.abs(y))) {
          throw invalid(
              "covariances[%d] is not symmetric: entry (%d,%d) = %s but (%d,%d) = %s",
              c, a, b, x, b, a, y);
        }
      }
    }
  }

  /** The refusal of a parameter: {@code message} formatted in the root locale. */
  private static IllegalArgumentException invalid(String message, Object... args) {
    return new IllegalArgumentException(String.format(Locale.ROOT, message, args));
  }

  /** The length of an array as a message reports it: {@code none} when it was not given. */
  private static String lengthOf(Object array) {
    return array == null ? "none" : String.valueOf(Array.getLength(array));
  }
}
