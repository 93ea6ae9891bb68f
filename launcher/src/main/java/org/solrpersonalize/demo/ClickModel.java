package org.solrpersonalize.demo;

/**
 * A position-based click model for simulated shoppers: a document at rank {@code r} (0 = top) is
 * examined with probability {@code 1 / (1 + r)^positionBias} and, once examined, clicked with the
 * probability its taste segment has for the shopper: {@code primaryClick} in the shopper's primary
 * segment, {@code secondaryClick} in the secondary one, {@code otherClick} elsewhere (and for
 * products of unknown segment).
 *
 * @param seed seed of the clicks: the same pages in the same order give the same clicks
 */
public record ClickModel(
    double positionBias, double primaryClick, double secondaryClick, double otherClick, long seed) {
  /**
   * Examination falling as {@code 1/(1+r)} (the reciprocal-rank curve eye-tracking studies show on
   * result pages); a shopper clicks half of what she examines in her segment, a quarter in her
   * secondary one, 3% elsewhere.
   */
  public static final ClickModel DEFAULT = new ClickModel(1.0, 0.5, 0.25, 0.03, 42);

  public ClickModel {
    if (!(positionBias >= 0) || Double.isInfinite(positionBias)) {
      throw new IllegalArgumentException(
          "positionBias must be a finite number >= 0, got " + positionBias);
    }
    checkProbability("primaryClick", primaryClick);
    checkProbability("secondaryClick", secondaryClick);
    checkProbability("otherClick", otherClick);
  }

  private static void checkProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + p);
    }
  }

  /** The probability that the document at {@code rank} (0 = top) is examined. */
  public double examination(int rank) {
    return Math.pow(1 + rank, -positionBias);
  }
}
