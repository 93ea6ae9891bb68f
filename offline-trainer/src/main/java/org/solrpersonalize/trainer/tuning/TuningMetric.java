package org.solrpersonalize.trainer.tuning;

import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.LowerCaseChoice;
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
    return LowerCaseChoice.parse(
        TuningMetric.class, "--tune-metric", TuningMetric::option, text, BadInputException::new);
  }
}
