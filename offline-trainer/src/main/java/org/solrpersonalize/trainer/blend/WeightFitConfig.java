package org.solrpersonalize.trainer.blend;

/**
 * How {@code fit-weights} runs.
 *
 * @param holdout share of impressions held out to measure AUC, in (0, 1)
 * @param seed seed of the split by impression
 * @param l2 ridge penalty of the fit, >= 0: 1 barely moves weights fitted on thousands of clicks
 *     and keeps them finite when the clicks separate perfectly
 * @param current the weights to compare with; null reads them from the log's scores (the plugin's
 *     defaults when the log has none)
 */
public record WeightFitConfig(double holdout, long seed, double l2, BlendWeights current) {
  public static final double DEFAULT_HOLDOUT = 0.2;
  public static final long DEFAULT_SEED = 42;
  public static final double DEFAULT_L2 = 1.0;

  public WeightFitConfig {
    if (!(holdout > 0 && holdout < 1)) {
      throw new IllegalArgumentException("holdout must be in (0, 1), got " + holdout);
    }
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be a finite number >= 0, got " + l2);
    }
  }
}
