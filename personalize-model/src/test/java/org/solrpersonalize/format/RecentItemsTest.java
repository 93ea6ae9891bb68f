package org.solrpersonalize.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentItemsTest {
  @TempDir Path dir;

  @Test
  void ordersEachUsersItemsLatestFirstTiesByLaterItemRow() {
    // User 0: items 0 (t=5), 1 (t=9), 3 (t=5); user 1: none; user 2: items 2 (t=1), 4 (t=7).
    RecentItems recent =
        RecentItems.latestFirst(
            new int[] {0, 3, 3, 5}, new int[] {0, 1, 3, 2, 4}, new long[] {5, 9, 5, 1, 7});
    assertArrayEquals(new int[] {0, 3, 3, 5}, recent.starts());
    assertArrayEquals(new int[] {1, 3, 0, 4, 2}, recent.items());
    assertArrayEquals(new int[] {1, 3}, recent.ofUser(0, 2));
    assertArrayEquals(new int[] {}, recent.ofUser(1, 200));
    assertArrayEquals(new int[] {4, 2}, recent.ofUser(2, 200));
  }

  @Test
  void withoutTimesTheLaterItemRowComesFirst() {
    RecentItems recent = RecentItems.latestFirst(new int[] {0, 3}, new int[] {0, 2, 5}, null);
    assertArrayEquals(new int[] {5, 2, 0}, recent.items());
  }

  @Test
  void roundTripsThroughItsFile() throws IOException {
    RecentItems recent = new RecentItems(new int[] {0, 2, 2, 3}, new int[] {2, 0, 1});
    recent.write(dir, 3);
    // 24 header bytes, 3 counts, 3 entries.
    assertEquals(24 + 12 + 12, Files.size(dir.resolve(RecentItems.FILE)));
    assertEquals(recent, RecentItems.read(dir, 3, 3));
  }

  @Test
  void namesTheFileWhenItsDimensionsAreNotTheModels() throws IOException {
    new RecentItems(new int[] {0, 1}, new int[] {0}).write(dir, 3);
    IOException e = assertThrows(IOException.class, () -> RecentItems.read(dir, 2, 3));
    assertEquals(
        dir.resolve(RecentItems.FILE) + ": is of 1 users and 3 items, the manifest says 2 and 3",
        e.getMessage());
  }

  @Test
  void refusesAnotherFileVersion() throws IOException {
    new RecentItems(new int[] {0, 1}, new int[] {0}).write(dir, 3);
    byte[] bytes = Files.readAllBytes(dir.resolve(RecentItems.FILE));
    bytes[4] = 2;
    Files.write(dir.resolve(RecentItems.FILE), bytes);
    IOException e = assertThrows(IOException.class, () -> RecentItems.read(dir, 1, 3));
    assertEquals(
        dir.resolve(RecentItems.FILE)
            + ": file version 2 is not supported (this build reads version 1)",
        e.getMessage());
  }

  @Test
  void aModelDirectoryCarriesItsRecentItemsAndOneWithoutThemStillReads() throws IOException {
    ModelManifest manifest =
        new ModelManifest(
            ModelManifest.CURRENT_FORMAT_VERSION,
            "m-seen",
            null,
            "implicit-als",
            1,
            0,
            null,
            2,
            2,
            0,
            1,
            null,
            null,
            Map.of("regularization", 0.1, "alpha", 1.0),
            null);
    ModelDirectory.Model model =
        new ModelDirectory.Model(
            manifest,
            List.of("u1", "u2"),
            List.of("i1", "i2"),
            new float[] {1, 2},
            new float[] {3, 4},
            new float[0],
            new float[0],
            new float[0],
            new RecentItems(new int[] {0, 2, 3}, new int[] {1, 0, 1}));
    Path withItems = dir.resolve("with");
    ModelDirectory.write(withItems, model);
    assertEquals(model.recentItems(), ModelDirectory.read(withItems).recentItems());

    Path older = dir.resolve("older");
    ModelDirectory.write(older, model.withRecentItems(null));
    assertNull(ModelDirectory.read(older).recentItems());
  }
}
