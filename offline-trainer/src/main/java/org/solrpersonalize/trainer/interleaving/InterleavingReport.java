package org.solrpersonalize.trainer.interleaving;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * Whether the candidate beat the active model on interleaved traffic. {@code preference} is {@code
 * wins / (wins + losses)} with its 95% Wilson score interval; {@code pValue} is the two-sided exact
 * binomial sign test of {@code wins} out of {@code wins + losses} against 1/2 (ties excluded;
 * Apache Commons Statistics' {@code BinomialTest}). The verdict: {@code promote} when the candidate
 * is significantly preferred at {@value #ALPHA}, {@code keep} when it is significantly worse or
 * when the experiment already holds the impressions the observed preference needs without being
 * significant, otherwise {@code not enough data} with the impressions still needed.
 *
 * <p>Impressions needed: the one-sample binomial test's sample size under the normal approximation
 * (e.g. Chow, Shao and Wang, Sample Size Calculations in Clinical Research, 4.1), {@code n =
 * ((z(1-alpha/2) * sqrt(p0 q0) + z(power) * sqrt(p q)) / (p - p0))^2} decisive impressions with
 * {@code p0 = 1/2}, {@code p} the observed preference, alpha {@value #ALPHA} and power {@value
 * #POWER}, divided by the observed share of decisive impressions among all logged ones.
 */
public record InterleavingReport(
    TeamDraftTally tally,
    double preference,
    double preferenceLow,
    double preferenceHigh,
    double pValue,
    Verdict verdict,
    long impressionsNeeded) {
  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  /** Significance level of the sign test and of the sample size. */
  public static final double ALPHA = 0.05;

  /** The two-sided normal quantile at {@link #ALPHA}: Wilson's interval and the sample size. */
  private static final double Z_ALPHA = STANDARD_NORMAL.inverseCumulativeProbability(1 - ALPHA / 2);

  /** Power the sample size is computed for. */
  public static final double POWER = 0.8;

  /** The one-sided normal quantile at {@link #POWER}, for the sample size. */
  private static final double Z_POWER = STANDARD_NORMAL.inverseCumulativeProbability(POWER);

  /** How the impressions still needed are computed, as printed. */
  public static final String POWER_METHOD =
      "normal approximation to the one-sample binomial test of the observed preference against"
          + " 0.5, alpha "
          + ALPHA
          + " two-sided, power "
          + POWER;

  /** The decision an interleaving experiment supports. */
  public enum Verdict {
    PROMOTE("promote"),
    KEEP("keep"),
    NOT_ENOUGH_DATA("not enough data");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    @JsonValue
    @Override
    public String toString() {
      return label;
    }
  }

  /** The report of a tally. */
  public static InterleavingReport of(TeamDraftTally tally) {
    long n = tally.decisive();
    if (n == 0) {
      return new InterleavingReport(
          tally, Double.NaN, Double.NaN, Double.NaN, 1.0, Verdict.NOT_ENOUGH_DATA, -1);
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "more than " + Integer.MAX_VALUE + " decisive impressions");
    }
    double p = (double) tally.wins() / n;
    double[] wilson = wilson(tally.wins(), n, Z_ALPHA);
    double pValue =
        BinomialTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED)
            .test((int) n, (int) tally.wins(), 0.5)
            .getPValue();
    long needed = impressionsNeeded(tally, p);
    Verdict verdict;
    if (pValue < ALPHA) {
      verdict = p > 0.5 ? Verdict.PROMOTE : Verdict.KEEP;
    } else if (needed == 0) {
      verdict = Verdict.KEEP;
    } else {
      verdict = Verdict.NOT_ENOUGH_DATA;
    }
    return new InterleavingReport(tally, p, wilson[0], wilson[1], pValue, verdict, needed);
  }

  /** Wilson's score interval of a proportion {@code wins / n} at the normal quantile {@code z}. */
  static double[] wilson(long wins, long n, double z) {
    double p = (double) wins / n;
    double z2 = z * z;
    double center = (p + z2 / (2.0 * n)) / (1 + z2 / n);
    double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new double[] {Math.max(0, center - half), Math.min(1, center + half)};
  }

  /**
   * More impressions (of any outcome, as logged) the observed preference needs to be significant
   * with the power {@value #POWER}; 0 when the log holds enough, -1 when no preference was observed
   * (p = 1/2: no finite number).
   */
  static long impressionsNeeded(TeamDraftTally tally, double p) {
    if (p == 0.5) {
      return -1;
    }
    double root = (Z_ALPHA * 0.5 + Z_POWER * Math.sqrt(p * (1 - p))) / (p - 0.5);
    double decisiveNeeded = root * root;
    double decisiveShare = (double) tally.decisive() / tally.impressions();
    long total = (long) Math.ceil(decisiveNeeded / decisiveShare);
    return Math.max(0, total - tally.impressions());
  }

  /** The report as printed by {@code bin/trainer interleaving-report}. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    TeamDraftTally t = tally;
    out.append(
        String.format(
            Locale.ROOT,
            "impressions %d: candidate wins %d, losses %d, ties %d; without clicks %d,"
                + " without teams %d%n",
            t.impressions(),
            t.wins(),
            t.losses(),
            t.ties(),
            t.withoutClicks(),
            t.notInterleaved()));
    if (t.decisive() == 0) {
      out.append("preference: none (no impression went to either team)\n");
    } else {
      out.append(
          String.format(
              Locale.ROOT,
              "preference for the candidate %.4f (95%% Wilson interval %.4f to %.4f)%n",
              preference,
              preferenceLow,
              preferenceHigh));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "sign test: two-sided exact binomial p-value %s (%d wins of %d, ties excluded)%n",
            formatP(pValue),
            t.wins(),
            t.decisive()));
    out.append("verdict: ").append(verdict);
    if (verdict == Verdict.NOT_ENOUGH_DATA) {
      out.append(
          impressionsNeeded < 0
              ? " (no preference observed yet: the impressions needed cannot be estimated)"
              : String.format(
                  Locale.ROOT,
                  " (about %d more impressions for the observed preference; %s)",
                  impressionsNeeded,
                  POWER_METHOD));
    }
    out.append('\n');
    return out.toString();
  }

  private static String formatP(double p) {
    return p < 1e-4 ? String.format(Locale.ROOT, "%.3e", p) : String.format(Locale.ROOT, "%.6f", p);
  }
}
