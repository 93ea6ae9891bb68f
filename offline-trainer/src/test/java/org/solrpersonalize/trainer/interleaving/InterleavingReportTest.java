package org.solrpersonalize.trainer.interleaving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.clicks.SimulatedClickLogs;

class InterleavingReportTest {
  private static InterleavingReport decisive(long wins, long losses) {
    return InterleavingReport.of(new TeamDraftTally(wins + losses, wins, losses, 0, 0, 0));
  }

  /** The report of 400 simulated impressions (seed 7) with the two models' click rates. */
  private static InterleavingReport seededLog(double activeClick, double candidateClick) {
    List<org.solrpersonalize.trainer.clicks.Impression> log =
        SimulatedClickLogs.interleaved(400, activeClick, candidateClick, 7);
    return InterleavingReport.of(TeamDraftTally.of(log));
  }

  @Test
  void signTestMatchesHandComputedBinomialTails() {
    // 9 of 10: 2 * (C(10,9) + C(10,10)) / 2^10 = 22 / 1024.
    assertEquals(0.021484375, decisive(9, 1).pValue(), 1e-15);
    // 1 of 10 is the same tail on the other side.
    assertEquals(0.021484375, decisive(1, 9).pValue(), 1e-15);
    // 7 of 10: 2 * (120 + 45 + 10 + 1) / 1024.
    assertEquals(0.34375, decisive(7, 3).pValue(), 1e-15);
    // 10 of 10: 2 / 1024.
    assertEquals(0.001953125, decisive(10, 0).pValue(), 1e-15);
    // 5 of 10: both tails hold everything.
    assertEquals(1.0, decisive(5, 5).pValue(), 1e-15);
  }

  @Test
  void wilsonIntervalOfNineOfTen() {
    InterleavingReport r = decisive(9, 1);
    assertEquals(0.9, r.preference(), 0);
    // (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), z = 1.959963984540054
    assertEquals(0.5958499732, r.preferenceLow(), 1e-9);
    assertEquals(0.9821237869, r.preferenceHigh(), 1e-9);
    assertEquals(InterleavingReport.Verdict.PROMOTE, r.verdict());
  }

  @Test
  void tiesAndNoClicksAreOutsideTheSignTest() {
    InterleavingReport r = InterleavingReport.of(new TeamDraftTally(30, 9, 1, 12, 5, 3));
    assertEquals(0.021484375, r.pValue(), 1e-15);
    assertEquals(10, r.tally().decisive());
  }

  @Test
  void impressionsNeededForTheObservedPreference() {
    // p = 0.6 over 20 decisive of 40 impressions: n = ((1.96 * 0.5 + 0.8416 * sqrt(0.24)) / 0.1)^2
    // = 193.85 decisive, so 194 / 0.5 = 388 impressions in all, 348 more.
    InterleavingReport r = InterleavingReport.of(new TeamDraftTally(40, 12, 8, 20, 0, 0));
    assertEquals(0.50344467, r.pValue(), 1e-8);
    assertEquals(InterleavingReport.Verdict.NOT_ENOUGH_DATA, r.verdict());
    assertEquals(348, r.impressionsNeeded());
  }

  @Test
  void candidateBetterOnASeededLogIsPromoted() {
    InterleavingReport r = seededLog(0.10, 0.16);
    assertEquals(new TeamDraftTally(400, 167, 67, 66, 100, 0), r.tally());
    // 167 of 234: 2 * sum_{i<=67} C(234, i) / 2^234, summed exactly in rationals.
    assertEquals(4.938668140696e-11, r.pValue(), 1e-21);
    assertEquals(0.7136752136752137, r.preference(), 1e-15);
    assertEquals(0.652671291533373, r.preferenceLow(), 1e-12);
    assertEquals(0.7677768527718165, r.preferenceHigh(), 1e-12);
    assertEquals(InterleavingReport.Verdict.PROMOTE, r.verdict());
  }

  @Test
  void equalModelsOnASeededLogAreNotSignificant() {
    InterleavingReport r = seededLog(0.13, 0.13);
    assertEquals(new TeamDraftTally(400, 128, 107, 66, 99, 0), r.tally());
    assertEquals(0.19189985374433, r.pValue(), 1e-13);
    assertEquals(InterleavingReport.Verdict.NOT_ENOUGH_DATA, r.verdict());
    // p = 128/235 needs 980.53 decisive impressions; 235 of 400 logged ones were decisive:
    // ceil(980.53 / (235 / 400)) = 1669 in all, 1269 more.
    assertEquals(1269, r.impressionsNeeded());
  }
}
