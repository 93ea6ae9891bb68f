package org.solrpersonalize.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
  @TempDir Path dir;

  private static ModelDirectory.Model smallModel() {
    ModelManifest manifest =
        new ModelManifest(
            ModelManifest.CURRENT_FORMAT_VERSION,
            "m-test-1",
            "2026-11-22T00:00:00Z",
            "implicit-als",
            2,
            3,
            "full",
            2,
            3,
            0,
            42L,
            "sha256:abc",
            null, // read from the hyperparameters, as in a manifest written before foldIn
            Map.of("regularization", 0.1, "alpha", 20.0),
            Map.of("ndcg@10", 0.25));
    return new ModelDirectory.Model(
        manifest,
        List.of("u1", "u2"),
        List.of("i1", "i2", "i3"),
        new float[] {1, 2, 3, 4},
        new float[] {0.5f, -0.5f, 1, 0, 0, 1},
        new float[] {-1, -2, -3, -4, -5, -6, -7, -8, -9},
        new float[] {-0.1f, -0.2f, -0.3f, -0.4f, -0.5f, -0.6f},
        new float[] {-1.1f, -1.2f, -1.0f},
        null);
  }

  @Test
  void writesAndReadsBackEveryArray() throws IOException {
    ModelDirectory.Model model = smallModel();
    ModelDirectory.write(dir, model);
    ModelDirectory.Model read = ModelDirectory.read(dir);
    assertEquals(model.manifest(), read.manifest());
    assertEquals(model.userIds(), read.userIds());
    assertEquals(model.itemIds(), read.itemIds());
    assertArrayEquals(model.userFactors(), read.userFactors());
    assertArrayEquals(model.itemFactors(), read.itemFactors());
    assertArrayEquals(model.itemLogDensity(), read.itemLogDensity());
    assertArrayEquals(model.userLogAffinity(), read.userLogAffinity());
    assertArrayEquals(model.gmmLogWeights(), read.gmmLogWeights());
    assertEquals(16, Files.size(dir.resolve(ModelDirectory.USER_FACTORS)));
  }

  @Test
  void namesTheFileWhoseSizeDisagreesWithTheManifest() throws IOException {
    ModelDirectory.write(dir, smallModel());
    Files.write(dir.resolve(ModelDirectory.ITEM_FACTORS), new byte[20]);
    IOException e = assertThrows(IOException.class, () -> ModelDirectory.read(dir));
    assertEquals(
        dir.resolve(ModelDirectory.ITEM_FACTORS)
            + ": has 20 bytes, the manifest implies 24 (6 floats)",
        e.getMessage());
  }

  @Test
  void refusesAnotherFormatVersion() throws IOException {
    ModelDirectory.write(dir, smallModel());
    Path manifest = dir.resolve(ModelDirectory.MANIFEST);
    Files.writeString(
        manifest,
        Files.readString(manifest).replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
    IOException e = assertThrows(IOException.class, () -> ModelDirectory.readManifest(dir));
    assertEquals(
        manifest + ": format version 7 is not supported (this build reads version 1)",
        e.getMessage());
  }

  @Test
  void saysWhenADirectoryIsNotAModel() {
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> ModelDirectory.readManifest(dir));
    assertTrue(e.getMessage().contains("not a model directory (no manifest.json)"), e.getMessage());
  }

  @Test
  void validatesModelIds() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ModelManifest(
                    1, "bad id/1", null, null, 2, 0, null, 0, 0, 0, 1, null, null, null, null));
    assertEquals(
        "modelId must be 1-64 characters of [A-Za-z0-9._-], got 'bad id/1'", e.getMessage());
  }

  @Test
  void anIdThatWouldNotReadBackIsRefusedBeforeAnyFileIsWritten() {
    ModelDirectory.Model good = smallModel();
    ModelDirectory.Model newline =
        new ModelDirectory.Model(
            good.manifest(),
            good.userIds(),
            List.of("i1", "i\r2", "i3"),
            good.userFactors(),
            good.itemFactors(),
            good.itemLogDensity(),
            good.userLogAffinity(),
            good.gmmLogWeights(),
            null);
    Path out = dir.resolve("out");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelDirectory.write(out, newline));
    assertEquals(
        "item_ids.txt: the id of row 1 contains a line break; ids are stored one per line",
        e.getMessage());
    assertTrue(Files.notExists(out));
  }
}
