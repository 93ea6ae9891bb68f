package org.solrpersonalize.trainer.clicks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.blend.BlendWeights;
import org.solrpersonalize.trainer.gmm.GaussianSampler;

/**
 * Seeded click logs for tests: pages of ten documents {@code p<impression>-<position>}, one page
 * per impression, all drawn from one random stream.
 */
public final class SimulatedClickLogs {
  private static final int PAGE = 10;

  private SimulatedClickLogs() {}

  /**
   * Clicks that follow planted weights: documents with standard normal normalized parts, scored and
   * ordered by {@code logged} weights, one click per page chosen with probability proportional to
   * {@code exp(planted . x)}.
   */
  public static List<Impression> plantedWeights(
      int impressions, BlendWeights planted, BlendWeights logged, long seed) {
    return log(impressions, seed, (i, random) -> plantedPage(i, random, planted, logged));
  }

  /**
   * Interleaved pages whose teams alternate (candidate first on odd impressions), each document
   * clicked independently with its team's probability.
   */
  public static List<Impression> interleaved(
      int impressions, double activeClick, double candidateClick, long seed) {
    return log(
        impressions, seed, (i, random) -> interleavedPage(i, random, activeClick, candidateClick));
  }

  /** One simulated page: impression {@code index}, drawn from {@code random}. */
  private interface PageSimulation {
    Impression page(int index, SplittableRandom random);
  }

  private static List<Impression> log(int impressions, long seed, PageSimulation simulation) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Impression> out = new ArrayList<>(impressions);
    for (int i = 0; i < impressions; i++) {
      out.add(simulation.page(i, random));
    }
    return out;
  }

  private static String documentId(int impression, int position) {
    return String.format(Locale.ROOT, "p%d-%d", impression, position);
  }

  private static Impression plantedPage(
      int i, SplittableRandom random, BlendWeights planted, BlendWeights logged) {
    List<ShownDocument> docs = new ArrayList<>();
    double[] utility = new double[PAGE];
    double total = 0;
    for (int d = 0; d < PAGE; d++) {
      ShownDocument doc =
          new ShownDocument(
              documentId(i, d), "m1", Double.NaN, part(random), part(random), part(random), null);
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
    for (double acc = utility[0]; acc < pick && chosen < PAGE - 1; acc += utility[++chosen]) {}
    // utility[] is in creation order: find that document after sorting by id.
    return new Impression("u" + i, "q", docs, Set.of(documentId(i, chosen)));
  }

  private static ScorePart part(SplittableRandom random) {
    double x = GaussianSampler.standardNormal(random);
    return new ScorePart(x * 3 + 10, x);
  }

  private static Impression interleavedPage(
      int i, SplittableRandom random, double activeClick, double candidateClick) {
    List<ShownDocument> docs = new ArrayList<>();
    Set<String> clicks = new LinkedHashSet<>();
    for (int position = 0; position < PAGE; position++) {
      ShownDocument.Team team =
          (position + i) % 2 == 0 ? ShownDocument.Team.ACTIVE : ShownDocument.Team.CANDIDATE;
      String id = documentId(i, position);
      docs.add(new ShownDocument(id, team.logValue(), 1.0, null, null, null, team));
      double click = team == ShownDocument.Team.ACTIVE ? activeClick : candidateClick;
      if (random.nextDouble() < click) {
        clicks.add(id);
      }
    }
    return new Impression("u" + (i % 50), "q" + (i % 7), docs, clicks);
  }
}
