package org.solrpersonalize.trainer.blend;

import java.util.List;
import java.util.Optional;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ShownDocument;

/**
 * The weights a click log was ranked with, read back from its scores: the plugin logs {@code score
 * = textWeight * text + dotWeight * dot + clusterWeight * cluster} over the normalized parts, so
 * the least-squares fit of the scores on the parts gives the weights exactly when one set was used.
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
    if (documents < 3 || Math.abs(determinant(gram)) < 1e-9 * Math.pow(documents, 3)) {
      return Optional.empty();
    }
    return Optional.of(BlendWeights.of(ChoiceModelFit.solve(gram, moment)));
  }

  private static double determinant(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }
}
