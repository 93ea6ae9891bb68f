package org.solrpersonalize.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.trainer.clicks.ClickLog;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.ScorePart;
import org.solrpersonalize.trainer.clicks.ShownDocument;

class ClickReportCommandsTest {
  @TempDir Path dir;

  /** Nine impressions won by the candidate, one lost: the sign test's 9 of 10. */
  private Path nineOfTen() throws IOException {
    Path file = dir.resolve("clicks.jsonl");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 10; i++) {
        ShownDocument a = doc("a" + i, ShownDocument.Team.ACTIVE, 0.1);
        ShownDocument c = doc("c" + i, ShownDocument.Team.CANDIDATE, 0.9);
        String clicked = i == 0 ? a.id() : c.id();
        ClickLog.write(new Impression("u" + i, "shoes", List.of(a, c), Set.of(clicked)), out);
      }
    }
    return file;
  }

  private static ShownDocument doc(String id, ShownDocument.Team team, double dot) {
    ScorePart part = new ScorePart(dot, dot);
    return new ShownDocument(id, "m", 1 + dot + 0.5 * dot, part, part, part, team);
  }

  @Test
  void interleavingReportPrintsTheSignTestAndVerdict() throws IOException {
    CliRun run = CliRun.of("interleaving-report", "--clicks", nineOfTen().toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        String.join(
            "\n",
            "impressions 10: candidate wins 9, losses 1, ties 0; without clicks 0, without teams 0",
            "preference for the candidate 0.9000 (95% Wilson interval 0.5958 to 0.9821)",
            "sign test: two-sided exact binomial p-value 0.021484 (9 wins of 10, ties excluded)",
            "verdict: promote",
            ""),
        run.out());
  }

  @Test
  void interleavingReportAsJson() throws IOException {
    CliRun run = CliRun.of("interleaving-report", "--clicks", nineOfTen().toString(), "--json");
    assertEquals(0, run.exitCode(), run.err());
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        json.readTree(
            "{\"tally\":{\"impressions\":10,\"wins\":9,\"losses\":1,\"ties\":0,\"withoutClicks\":0,"
                + "\"notInterleaved\":0},\"preference\":0.9,\"preferenceLow\":0.5958499732047616,"
                + "\"preferenceHigh\":0.9821237869049272,\"pValue\":0.021484375,"
                + "\"verdict\":\"promote\",\"impressionsNeeded\":0}"),
        json.readTree(run.out()));
  }

  @Test
  void badLineIsFileColonLineAndExitTwo() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"docs\":[],\"clicks\":[]}\n{\"docs\":3}\n", StandardCharsets.UTF_8);
    CliRun run = CliRun.of("interleaving-report", "--clicks", file.toString());
    assertEquals(2, run.exitCode());
    assertEquals(
        String.format(
            Locale.ROOT, "error: %s:2: \"docs\" must be an array of the shown documents%n", file),
        run.err());
    run = CliRun.of("fit-weights", "--log", file.toString(), "--max-errors", "1");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        String.format(
            Locale.ROOT, "%s:2: \"docs\" must be an array of the shown documents%n", file),
        run.err());
  }

  @Test
  void fitWeightsNamesABadCurrentWeight() throws IOException {
    CliRun run =
        CliRun.of("fit-weights", "--log", nineOfTen().toString(), "--current", "dotWeight=high");
    assertEquals(2, run.exitCode());
    assertEquals("error: fit-weights: dotWeight must be a number, got 'high'\n", run.err());
  }
}
