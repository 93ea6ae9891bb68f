package org.solrpersonalize.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.data.ListedInteractions;

class TrainedModelTest {
  @TempDir Path dir;

  /** Built around the loader, which would refuse the id: the writer is the last line of defence. */
  private static TrainedModel withUserIds(String first, String second) {
    return fitTiny(ListedInteractions.of(first + " a 1", first + " b 1", second + " b 1"));
  }

  private static TrainedModel fitTiny(Interactions data) {
    return Trainer.fit(
        data,
        TrainingConfig.builder()
            .factors(2)
            .iterations(1)
            .clustering(ClusteringConfig.withComponents(1))
            .threads(1)
            .build());
  }

  @Test
  void theModelDirectoryHoldsEachUsersItemsOfTheWholeLogLatestFirst() throws IOException {
    // u1: a at t=30, b at t=10, c at t=20; u2: b at t=5. A holdout would not drop any of them.
    Interactions data =
        Interactions.fromTriples(
            List.of("u1", "u2"),
            List.of("a", "b", "c"),
            new int[] {0, 0, 0, 1},
            new int[] {0, 1, 2, 1},
            new float[] {1, 1, 1, 1},
            new long[] {30, 10, 20, 5},
            "test");
    TrainedModel model = fitTiny(data);
    Path out = dir.resolve("m");
    model.writeTo(out);
    RecentItems recent = ModelDirectory.read(out).recentItems();
    assertArrayEquals(new int[] {0, 2, 1}, recent.ofUser(0, 200));
    assertArrayEquals(new int[] {0, 2}, recent.ofUser(0, 2));
    assertArrayEquals(new int[] {1}, recent.ofUser(1, 200));
  }

  @Test
  void toStringNamesTheModelAndItsSizesNotItsIds() {
    TrainedModel model = withUserIds("u1", "u2");
    assertEquals(
        "TrainedModel["
            + model.manifest().modelId()
            + " implicit-als: 2 users, 2 items, 2 factors, 1 clusters]",
        model.toString());
  }

  @Test
  void anIdThatWouldNotReadBackFailsTheWriteAndLeavesTheDirectoryAsFound() throws IOException {
    TrainedModel model = withUserIds("u1", "u\n2");
    assertEquals(
        "user_ids.txt: the id of row 1 contains a line break; ids are stored one per line",
        refusedWrite(model, dir.resolve("fresh")));

    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertThrows(IllegalArgumentException.class, () -> model.writeTo(empty));
    try (Stream<Path> entries = Files.list(empty)) {
      assertEquals(0, entries.count());
    }
  }

  @Test
  void aLoneSurrogateFailsTheWriteBeforeAnyFile() {
    TrainedModel model = withUserIds("u1", "u\ud800");
    assertEquals(
        "user_ids.txt: the id of row 1 contains a lone surrogate, which UTF-8 cannot encode",
        refusedWrite(model, dir.resolve("out")));
  }

  /** The message of writing {@code model} to {@code out}, which must fail and create nothing. */
  private static String refusedWrite(TrainedModel model, Path out) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.writeTo(out));
    assertFalse(Files.exists(out));
    return e.getMessage();
  }

  @Test
  void idsWithSurrogatePairsAreWrittenAndReadBack() throws IOException {
    TrainedModel model = withUserIds("u1", "u\ud83d\ude00");
    Path out = dir.resolve("ok");
    model.writeTo(out);
    assertEquals(
        List.of("u1", "u\ud83d\ude00"),
        org.solrpersonalize.format.ModelDirectory.read(out).userIds());
    assertTrue(Files.exists(out.resolve(TrainedModel.GMM_JSON)));
  }
}
