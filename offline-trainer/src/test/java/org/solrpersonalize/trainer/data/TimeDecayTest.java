package org.solrpersonalize.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeDecayTest {
  @TempDir Path dir;

  private Path csv(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  /** Three events 0, 30 and 60 days before 2024-03-01, of weights 1, 2 and 4. */
  private Path threeEvents() throws IOException {
    return csv(
        "events.csv",
        "user,item,weight,timestamp\n"
            + "u1,a,1,2024-03-01\n"
            + "u1,b,2,2024-01-31\n"
            + "u2,a,4,2024-01-01\n");
  }

  private static Interactions load(TimeDecay decay, List<String> errors, Path file)
      throws IOException {
    LoadOptions options = new LoadOptions(ColumnNames.DEFAULT, EventWeights.DEFAULT, 5, decay);
    return new InteractionLoader(options, errors::add).load(List.of(file), bytes -> {});
  }

  @Test
  void eachEventLosesHalfItsWeightPerHalfLifeBeforeTheNewest() throws IOException {
    // 1 * 0.5^0, 2 * 0.5^(30/30), 4 * 0.5^(60/30)
    Interactions data = load(new TimeDecay(30, null), new ArrayList<>(), threeEvents());
    assertArrayEquals(new float[] {1f, 1f, 1f}, data.userItems().vals());
  }

  @Test
  void asOfMovesTheReference() throws IOException {
    long asOf = TimeDecay.parseAsOf("2024-03-31T00:00:00Z");
    // 1 * 0.5^(30/30), 2 * 0.5^(60/30), 4 * 0.5^(90/30)
    Interactions data = load(new TimeDecay(30, asOf), new ArrayList<>(), threeEvents());
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, data.userItems().vals());
    assertEquals(TimeDecay.parseAsOf("1711843200"), asOf);
  }

  @Test
  void aRepeatedPairSumsItsDecayedEvents() throws IOException {
    Path file =
        csv(
            "repeat.csv",
            "user,item,weight,timestamp\nu1,a,1,2024-03-01\nu1,a,1,2024-02-20\nu1,a,8,2024-01-01\n");
    // 1 + 1 * 0.5^(10/10) + 8 * 0.5^(60/10) = 1 + 0.5 + 0.125
    Interactions data = load(new TimeDecay(10, null), new ArrayList<>(), file);
    assertArrayEquals(new float[] {1.625f}, data.userItems().vals());
  }

  @Test
  void eventsWithoutATimeOrAfterAsOfAreBadLines() throws IOException {
    Path file =
        csv(
            "times.csv",
            "user,item,weight,timestamp\nu1,a,1,2024-03-01\nu1,b,1,\nu1,c,1,2024-04-01\nu1,d,0,\n");
    List<String> errors = new ArrayList<>();
    Interactions data = load(new TimeDecay(1, TimeDecay.parseAsOf("2024-03-01")), errors, file);
    assertEquals(
        List.of(
            file + ":3: no timestamp, and --half-life needs one on every event",
            file + ":4: timestamp 2024-04-01T00:00:00Z is after --as-of 2024-03-01T00:00:00Z"),
        errors);
    assertEquals(List.of("a"), data.itemIds());
    assertEquals(new LoadSummary(4, 1, 2, 0, 0, 1), data.summary());
  }

  @Test
  void anEventDecayedBelowTheSmallestFloatStaysAPositive() throws IOException {
    Path file =
        csv("old.csv", "user,item,weight,timestamp\nu1,a,1,2024-03-01\nu1,b,1,2023-01-01\n");
    Interactions data = load(new TimeDecay(1, null), new ArrayList<>(), file);
    assertArrayEquals(new float[] {1f, Float.MIN_VALUE}, data.userItems().vals());
  }

  @Test
  void settingsAndChecks() {
    assertEquals(
        Map.of("halfLifeDays", "365", "asOf", "newest event"), new TimeDecay(365, null).settings());
    assertEquals(
        Map.of("halfLifeDays", "0.5", "asOf", "2024-03-01T00:00:00Z"),
        new TimeDecay(0.5, 1_709_251_200_000L).settings());
    assertEquals(
        "--half-life must be a finite number of days > 0, got 0.0",
        assertThrows(BadInputException.class, () -> new TimeDecay(0, null)).getMessage());
    assertEquals(
        "--as-of: timestamp 'soon' is neither epoch seconds/milliseconds nor ISO-8601",
        assertThrows(BadInputException.class, () -> TimeDecay.parseAsOf("soon")).getMessage());
  }
}
