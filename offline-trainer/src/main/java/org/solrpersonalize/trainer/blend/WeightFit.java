package org.solrpersonalize.trainer.blend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.random.FisherYates;

/**
 * {@code fit-weights}: splits the impressions (seeded), fits the weights on one part ({@link
 * ChoiceModelFit}) and compares their AUC with the current weights' on the other.
 *
 * @param currentSource where the current weights come from: {@code given}, {@code log} (the log's
 *     scores) or {@code plugin defaults}
 * @param learned the fitted weights, scaled to the current weights' sum of absolute values (the
 *     ranking does not change with the scale; this keeps the score's range)
 */
public record WeightFit(
    int trainImpressions,
    int heldOutImpressions,
    BlendWeights current,
    String currentSource,
    BlendWeights learned,
    ClickAuc currentAuc,
    ClickAuc learnedAuc) {

  /** Fits and compares. */
  public static WeightFit run(List<Impression> impressions, WeightFitConfig config) {
    int n = impressions.size();
    int[] order = FisherYates.permutation(n, new SplittableRandom(config.seed()));
    int heldOut = (int) Math.round(n * config.holdout());
    List<Impression> test = new ArrayList<>(heldOut);
    List<Impression> train = new ArrayList<>(n - heldOut);
    for (int i = 0; i < n; i++) {
      (i < heldOut ? test : train).add(impressions.get(order[i]));
    }
    BlendWeights current = config.current();
    String source = "given";
    if (current == null) {
      current = LoggedWeights.infer(impressions).orElse(null);
      source = "log";
    }
    if (current == null) {
      current = BlendWeights.PLUGIN_DEFAULTS;
      source = "plugin defaults";
    }
    BlendWeights learned = ChoiceModelFit.fit(train, config.l2()).scaledLike(current);
    return new WeightFit(
        train.size(),
        test.size(),
        current,
        source,
        learned,
        ClickAuc.of(test, current),
        ClickAuc.of(test, learned));
  }

  /** As printed by {@code bin/trainer fit-weights}. */
  public String toTable() {
    return String.format(
        Locale.ROOT,
        "impressions: %d to fit, %d held out (%d clicked/not-clicked pairs)%n"
            + "current weights (%s): %s  held-out AUC %.4f%n"
            + "learned weights:         %s  held-out AUC %.4f%n"
            + "request: rq={!personalize user=U %s}"
            + " (with the norm the log was ranked with)%n",
        trainImpressions,
        heldOutImpressions,
        learnedAuc.pairs(),
        currentSource,
        current.asRequestParameters(),
        currentAuc.auc(),
        learned.asRequestParameters(),
        learnedAuc.auc(),
        learned.asRequestParameters());
  }
}
