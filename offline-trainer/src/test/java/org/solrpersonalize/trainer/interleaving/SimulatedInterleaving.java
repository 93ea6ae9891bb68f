package org.solrpersonalize.trainer.interleaving;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ShownDocument;

/**
 * Seeded interleaved click logs: pages of ten documents whose teams alternate (candidate first on
 * odd impressions), each document clicked independently with its team's probability.
 */
final class SimulatedInterleaving {
  private SimulatedInterleaving() {}

  static List<Impression> log(
      int impressions, double activeClick, double candidateClick, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Impression> out = new ArrayList<>(impressions);
    for (int i = 0; i < impressions; i++) {
      List<ShownDocument> docs = new ArrayList<>();
      Set<String> clicks = new LinkedHashSet<>();
      for (int position = 0; position < 10; position++) {
        ShownDocument.Team team =
            (position + i) % 2 == 0 ? ShownDocument.Team.ACTIVE : ShownDocument.Team.CANDIDATE;
        String id = String.format(Locale.ROOT, "p%d-%d", i, position);
        docs.add(new ShownDocument(id, team.logValue(), 1.0, null, null, null, team));
        double click = team == ShownDocument.Team.ACTIVE ? activeClick : candidateClick;
        if (random.nextDouble() < click) {
          clicks.add(id);
        }
      }
      out.add(new Impression("u" + (i % 50), "q" + (i % 7), docs, clicks));
    }
    return out;
  }
}
