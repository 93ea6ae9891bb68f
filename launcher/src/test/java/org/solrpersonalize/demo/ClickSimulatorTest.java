package org.solrpersonalize.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.trainer.clicks.ClickLog;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ScorePart;
import org.solrpersonalize.trainer.clicks.ShownDocument;
import org.solrpersonalize.trainer.demo.UserTaste;
import org.solrpersonalize.trainer.interleaving.InterleavingReport;
import org.solrpersonalize.trainer.interleaving.TeamDraftTally;

class ClickSimulatorTest {
  @TempDir Path dir;

  /** Products "s<segment>-<n>": segment 0, 1 or 2. */
  private static int segmentOf(String id) {
    return id.startsWith("s") ? id.charAt(1) - '0' : ClickSimulator.UNKNOWN_SEGMENT;
  }

  private static final UserTaste RUNNER = new UserTaste(0, 1);

  /**
   * An interleaved page of ten: the candidate's documents from the shopper's segment, the active's
   * from segment 2; teams alternate, the active team first on even pages.
   */
  private static List<ShownDocument> page(int i) {
    List<ShownDocument> docs = new ArrayList<>();
    for (int rank = 0; rank < 10; rank++) {
      boolean candidate = (rank + i) % 2 == 1;
      String id = String.format(Locale.ROOT, "s%d-%d-%d", candidate ? 0 : 2, i, rank);
      ScorePart part = new ScorePart(rank, -rank);
      docs.add(
          new ShownDocument(
              id,
              candidate ? "m2" : "m1",
              -3.0 * rank,
              part,
              part,
              part,
              candidate ? ShownDocument.Team.CANDIDATE : ShownDocument.Team.ACTIVE));
    }
    return docs;
  }

  @Test
  void attractionFollowsThePlantedTaste() {
    ClickSimulator shoppers = new ClickSimulator(ClickModel.DEFAULT, ClickSimulatorTest::segmentOf);
    assertEquals(0.5, shoppers.attraction(RUNNER, "s0-1"), 0);
    assertEquals(0.25, shoppers.attraction(RUNNER, "s1-1"), 0);
    assertEquals(0.03, shoppers.attraction(RUNNER, "s2-1"), 0);
    assertEquals(0.03, shoppers.attraction(RUNNER, "x-1"), 0);
    assertEquals(0.03, shoppers.attraction(new UserTaste(0, UserTaste.NONE), "s1-1"), 0);
  }

  @Test
  void examinationFallsWithRank() {
    assertEquals(1.0, ClickModel.DEFAULT.examination(0), 0);
    assertEquals(0.5, ClickModel.DEFAULT.examination(1), 0);
    assertEquals(0.25, ClickModel.DEFAULT.examination(3), 0);
    assertEquals(1.0, new ClickModel(0, 0.5, 0.25, 0.03, 1).examination(9), 0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ClickModel(1, 1.5, 0, 0, 1));
    assertEquals("primaryClick must be a probability in [0, 1], got 1.5", e.getMessage());
  }

  @Test
  void theCandidateServingTheShoppersSegmentWins() {
    ClickSimulator shoppers = new ClickSimulator(ClickModel.DEFAULT, ClickSimulatorTest::segmentOf);
    List<Impression> log = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      log.add(shoppers.click("u" + i % 20, RUNNER, "shoes", page(i)));
    }
    InterleavingReport report = InterleavingReport.of(TeamDraftTally.of(log));
    assertEquals(new TeamDraftTally(200, 113, 4, 3, 80, 0), report.tally());
    assertEquals(9.245353271951797e-29, report.pValue(), 1e-40);
    assertEquals(InterleavingReport.Verdict.PROMOTE, report.verdict());
  }

  @Test
  void sameSeedSameClicksAndTheLogReadsBack() throws IOException {
    Path file = dir.resolve("clicks.jsonl");
    List<Impression> written = new ArrayList<>();
    ClickSimulator shoppers = new ClickSimulator(ClickModel.DEFAULT, ClickSimulatorTest::segmentOf);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 5; i++) {
        written.add(shoppers.clickAndLog("u1", RUNNER, "shoes", page(i), out));
      }
    }
    ClickSimulator again = new ClickSimulator(ClickModel.DEFAULT, ClickSimulatorTest::segmentOf);
    for (int i = 0; i < 5; i++) {
      assertEquals(written.get(i), again.click("u1", RUNNER, "shoes", page(i)));
    }
    assertEquals(written, ClickLog.read(file, "id", 0, line -> {}));
    assertEquals(Set.of("s0-0-1"), written.get(0).clicks());
  }
}
