package org.solrpersonalize.trainer.tuning;

import java.util.Objects;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.data.BadInputException;

/**
 * What to tune and at which cost ({@code train --tune}, or {@code --regularization auto --alpha
 * auto}, the defaults).
 *
 * @param requested true for {@code --tune}: tune whatever the size of the log; false when only the
 *     {@code auto} defaults ask for it, which tunes logs up to {@code autoMaxInteractions}
 * @param regularization whether lambda is searched (it was not given)
 * @param alpha whether alpha is searched (it was not given)
 * @param factors whether the factor count is searched too ({@code --tune-factors})
 * @param budget fits the whole training may cost, the final fit included: the search gets {@code
 *     budget - 1} fits' worth of ALS iterations on the validation split
 * @param metric the validation figure maximized
 * @param at cutoff of the metric
 * @param validationFraction of each training user's items held out for validation
 * @param autoMaxInteractions above this many training interactions, {@code auto} keeps the defaults
 *     instead of tuning
 * @param weighting whether the confidence weighting (linear, log, bm25) is searched too ({@code
 *     --confidence auto})
 */
public record TuningConfig(
    boolean requested,
    boolean regularization,
    boolean alpha,
    boolean factors,
    int budget,
    TuningMetric metric,
    int at,
    double validationFraction,
    long autoMaxInteractions,
    boolean weighting) {

  /**
   * Eight fits: the search gets seven on the validation split, the final fit is the eighth.
   * Measured (k = 64, 15 iterations, NDCG@10 on a seeded 20% random holdout, linear confidence): on
   * MovieLens ml-latest-small the search scored 0.3382, the best point of a 6 x 6 grid (lambda
   * 1..300 x alpha 0.3..30) 0.3344, lambda 100 / alpha 5 0.2537; on the generated shop ({@code
   * bin/trainer generate}) 0.1486 against the grid's best 0.1502 and 0.1464 for lambda 100 / alpha
   * 5.
   */
  public static final int DEFAULT_BUDGET = 8;

  /** The figure {@code --tune-metric} maximizes unless told otherwise. */
  public static final TuningMetric DEFAULT_METRIC = TuningMetric.NDCG;

  public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

  /**
   * 5M interactions: one fit of 64 factors takes about 14 s per million interactions on 2 cores, so
   * eight fits of a larger log would take more than ten minutes.
   */
  public static final long DEFAULT_AUTO_MAX_INTERACTIONS = 5_000_000L;

  public TuningConfig {
    Objects.requireNonNull(metric, "metric");
    if (budget < 2) {
      throw new BadInputException(
          "--tune-budget must be >= 2 (one fit to search, one final fit), got " + budget);
    }
    if (at < 1) {
      throw new BadInputException("--at must be >= 1, got " + at);
    }
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new BadInputException(
          "the validation fraction must be in (0, 1), got " + validationFraction);
    }
    if (!regularization && !alpha && !factors && !weighting) {
      throw new BadInputException(
          "--tune has nothing to tune: --regularization and --alpha are both given"
              + " (leave one at auto, or add --tune-factors)");
    }
  }

  /**
   * Tuning of the {@code auto} parameters with the defaults: budget 8, NDCG@10, the confidence
   * scheme searched too ({@code --confidence auto}, the default). Measured (k = 64, 15 iterations,
   * NDCG@10 on a seeded 20% random holdout, {@code train --holdout 0.2}), auto against each scheme
   * tuned alone (linear / log / bm25): MovieLens ml-latest-small (every rating weight 1) 0.3463,
   * bm25 chosen, against 0.3382 / 0.3353 / 0.3426; the generated shop ({@code bin/trainer generate}
   * defaults) 0.1520, log chosen, against 0.1486 / 0.1517 / 0.1465. Every run spent 8.0 fits or
   * less.
   */
  public static TuningConfig auto(boolean regularization, boolean alpha) {
    boolean weighting = regularization || alpha; // --confidence auto goes with an auto lambda/alpha
    return new TuningConfig(
        false,
        regularization,
        alpha,
        false,
        DEFAULT_BUDGET,
        DEFAULT_METRIC,
        HoldoutConfig.DEFAULT_AT,
        DEFAULT_VALIDATION_FRACTION,
        DEFAULT_AUTO_MAX_INTERACTIONS,
        weighting);
  }
}
