package org.solrpersonalize.trainer.tuning;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.eval.RankingReport;

/** The validation figure the tuner maximizes ({@code --tune-metric}), at the holdout's cutoff. */
public enum TuningMetric {
  NDCG("ndcg"),
  MAP("map"),
  RECALL("recall"),
  PRECISION("precision"),
  HIT_RATE("hit_rate");

  private final String option;

  TuningMetric(String option) {
    this.option = option;
  }

  /** The value in {@code --tune-metric} and in manifest keys, e.g. {@code ndcg}. */
  public String option() {
    return option;
  }

  /** This metric of a report. */
  public double of(RankingReport report) {
    return switch (this) {
      case NDCG -> report.ndcg();
      case MAP -> report.map();
      case RECALL -> report.recall();
      case PRECISION -> report.precision();
      case HIT_RATE -> report.hitRate();
    };
  }

  /** Parses {@code --tune-metric}, naming the allowed values when it is none of them. */
  public static TuningMetric parse(String text) {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (TuningMetric metric : values()) {
      if (metric.option.equals(wanted)) {
        return metric;
      }
    }
    throw new BadInputException(
        "--tune-metric must be one of "
            + Arrays.stream(values()).map(TuningMetric::option).collect(Collectors.joining("|"))
            + ", got '"
            + text
            + "'");
  }
}
