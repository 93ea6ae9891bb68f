package org.solrpersonalize.trainer.blend;

import java.util.List;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ShownDocument;

/**
 * How well weights order clicked above not-clicked documents: over every pair of a clicked and a
 * not-clicked document of the same impression (both with their parts logged), the share the weights
 * score the clicked one higher, ties counting one half. Pairs are pooled over impressions.
 */
public record ClickAuc(double auc, long pairs) {
  /** The AUC of weights over impressions; NaN without a pair. */
  public static ClickAuc of(List<Impression> impressions, BlendWeights weights) {
    double correct = 0;
    long pairs = 0;
    for (Impression impression : impressions) {
      for (ShownDocument c : impression.docs()) {
        if (!c.hasParts() || !impression.clicked(c)) {
          continue;
        }
        double sc = weights.score(c);
        for (ShownDocument n : impression.docs()) {
          if (!n.hasParts() || impression.clicked(n)) {
            continue;
          }
          double sn = weights.score(n);
          correct += sc > sn ? 1 : sc == sn ? 0.5 : 0;
          pairs++;
        }
      }
    }
    return new ClickAuc(pairs == 0 ? Double.NaN : correct / pairs, pairs);
  }
}
