package org.solrpersonalize.trainer.interleaving;

import java.util.List;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ShownDocument;

/**
 * The candidate's wins, losses and ties over interleaved impressions, by the team-draft rule: an
 * impression goes to the team whose documents got more clicks, and is a tie when both got as many
 * (at least one). Impressions without clicks say nothing about either model and are counted apart,
 * as are pages without teams (not interleaved, e.g. a {@code fallback: no-candidate} page).
 */
public record TeamDraftTally(
    long impressions, long wins, long losses, long ties, long withoutClicks, long notInterleaved) {
  public TeamDraftTally {
    if (wins < 0 || losses < 0 || ties < 0 || withoutClicks < 0 || notInterleaved < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (wins + losses + ties + withoutClicks + notInterleaved != impressions) {
      throw new IllegalArgumentException(
          "wins, losses, ties, impressions without clicks and pages without teams must add up to"
              + " the impressions");
    }
  }

  /** What one impression says about the candidate. */
  public enum Outcome {
    WIN,
    LOSS,
    TIE,
    NO_CLICKS,
    NOT_INTERLEAVED
  }

  /** The outcome of one impression; clicks on documents without a team count for neither. */
  public static Outcome credit(Impression impression) {
    int active = 0;
    int candidate = 0;
    boolean teams = false;
    for (ShownDocument doc : impression.docs()) {
      if (doc.team() == null) {
        continue;
      }
      teams = true;
      if (impression.clicked(doc)) {
        if (doc.team() == ShownDocument.Team.CANDIDATE) {
          candidate++;
        } else {
          active++;
        }
      }
    }
    if (!teams) {
      return Outcome.NOT_INTERLEAVED;
    }
    if (active == 0 && candidate == 0) {
      return Outcome.NO_CLICKS;
    }
    return candidate > active ? Outcome.WIN : candidate < active ? Outcome.LOSS : Outcome.TIE;
  }

  /** Credits every impression. */
  public static TeamDraftTally of(List<Impression> impressions) {
    long[] counts = new long[Outcome.values().length];
    for (Impression impression : impressions) {
      counts[credit(impression).ordinal()]++;
    }
    return new TeamDraftTally(
        impressions.size(),
        counts[Outcome.WIN.ordinal()],
        counts[Outcome.LOSS.ordinal()],
        counts[Outcome.TIE.ordinal()],
        counts[Outcome.NO_CLICKS.ordinal()],
        counts[Outcome.NOT_INTERLEAVED.ordinal()]);
  }

  /** Impressions that went to one team: the sign test's trials. */
  public long decisive() {
    return wins + losses;
  }
}
