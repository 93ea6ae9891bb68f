package org.solrpersonalize.trainer.blend;

import java.util.List;
import java.util.Optional;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ShownDocument;

/**
 * The weights a click log was ranked with, read back from its scores: the plugin logs {@code score
 * = textWeight * text + dotWeight * dot + clusterWeight * cluster} over the normalized parts, so
 * the least-squares fit of the scores on the parts gives the weights exactly when one set was used
 * (empty when the parts do not vary independently: then no set of weights is told apart).
 */
public final class LoggedWeights {
  private LoggedWeights() {}

  /** The weights of the log's scores; empty without three independent documents scored. */
  public static Optional<BlendWeights> infer(List<Impression> impressions) {
    double[][] gram = new double[3][3];
    double[] moment = new double[3];
    long documents = 0;
    for (Impression impression : impressions) {
      for (ShownDocument doc : impression.docs()) {
        if (!doc.hasParts() || Double.isNaN(doc.score())) {
          continue;
        }
        double[] x = {doc.text().normalized(), doc.dot().normalized(), doc.cluster().normalized()};
        for (int a = 0; a < 3; a++) {
          moment[a] += x[a] * doc.score();
          for (int b = 0; b < 3; b++) {
            gram[a][b] += x[a] * x[b];
          }
        }
        documents++;
      }
    }
    double[] weights = documents < 3 ? null : ChoiceModelFit.solve(gram, moment);
    return weights == null ? Optional.empty() : Optional.of(BlendWeights.of(weights));
  }
}
