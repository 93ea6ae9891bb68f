package org.solrpersonalize.trainer.blend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ScorePart;
import org.solrpersonalize.trainer.clicks.ShownDocument;
import org.solrpersonalize.trainer.gmm.GaussianSampler;

/**
 * A seeded log whose clicks follow planted weights: pages of ten documents with standard normal
 * normalized parts, scored and ordered by {@code logged} weights, one click per page chosen with
 * probability proportional to {@code exp(planted . x)}.
 */
final class SimulatedClicks {
  private SimulatedClicks() {}

  static List<Impression> log(
      int impressions, BlendWeights planted, BlendWeights logged, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Impression> out = new ArrayList<>(impressions);
    for (int i = 0; i < impressions; i++) {
      List<ShownDocument> docs = new ArrayList<>();
      double[] utility = new double[10];
      double total = 0;
      for (int d = 0; d < 10; d++) {
        ShownDocument doc =
            new ShownDocument(
                String.format(Locale.ROOT, "p%d-%d", i, d),
                "m1",
                Double.NaN,
                part(random),
                part(random),
                part(random),
                null);
        doc =
            new ShownDocument(
                doc.id(), "m1", logged.score(doc), doc.text(), doc.dot(), doc.cluster(), null);
        docs.add(doc);
        utility[d] = Math.exp(planted.score(doc));
        total += utility[d];
      }
      docs.sort((a, b) -> Double.compare(b.score(), a.score()));
      double pick = random.nextDouble() * total;
      int chosen = 0;
      for (double acc = utility[0]; acc < pick && chosen < 9; acc += utility[++chosen]) {}
      // utility[] is in creation order: find that document after sorting by id.
      String clicked = String.format(Locale.ROOT, "p%d-%d", i, chosen);
      out.add(new Impression("u" + i, "q", docs, Set.of(clicked)));
    }
    return out;
  }

  private static ScorePart part(SplittableRandom random) {
    double x = GaussianSampler.standardNormal(random);
    return new ScorePart(x * 3 + 10, x);
  }
}
