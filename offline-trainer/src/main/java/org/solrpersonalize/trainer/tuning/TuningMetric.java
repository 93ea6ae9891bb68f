package org.solrpersonalize.trainer.tuning;

import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.LowerCaseChoice;
import org.solrpersonalize.trainer.eval.RankingReport;

/**
 * The validation figure the tuner maximizes ({@code --tune-metric}), at the holdout's cutoff; its
 * {@link #option()} is the value in {@code --tune-metric} and in manifest keys, e.g. {@code ndcg}.
 */
public enum TuningMetric implements LowerCaseChoice {
  NDCG,
  MAP,
  RECALL,
  PRECISION,
  HIT_RATE;

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
