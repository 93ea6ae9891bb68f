package org.solrpersonalize.math;

/**
 * {@code log sum_i exp(v_i)} without overflow or underflow: the largest term is factored out.
 * Shared by the trainer's mixture E-step and the plugin's session affinities.
 */
public final class LogSumExp {
  private LogSumExp() {}

  /** Over {@code values[from..to)}; negative infinity for an empty range or all -inf terms. */
  public static double of(double[] values, int from, int to) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      max = Math.max(max, values[i]);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += Math.exp(values[i] - max);
    }
    return max + Math.log(sum);
  }
}
