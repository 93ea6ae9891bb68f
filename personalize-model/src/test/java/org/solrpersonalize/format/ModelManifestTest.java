package org.solrpersonalize.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {
  @TempDir Path dir;

  private static ModelManifest explicit(ModelManifest.FoldIn foldIn) {
    return new ModelManifest(
        ModelManifest.CURRENT_FORMAT_VERSION,
        "m-explicit",
        "2026-11-22T00:00:00Z",
        "explicit-als",
        4,
        0,
        "full",
        2,
        3,
        0,
        42L,
        "sha256:abc",
        foldIn,
        Map.of("regularization", 0.05, "iterations", 10),
        Map.of());
  }

  @Test
  void theTypedFoldInParametersRoundTripThroughManifestJson() throws IOException {
    ModelManifest manifest =
        explicit(new ModelManifest.FoldIn(0.05, ModelManifest.FoldIn.EXPLICIT_ALPHA));
    ModelDirectory.writeManifest(dir, manifest);
    String json = Files.readString(dir.resolve(ModelDirectory.MANIFEST), StandardCharsets.UTF_8);
    assertTrue(
        json.replaceAll("\\s", "").contains("\"foldIn\":{\"regularization\":0.05,\"alpha\":0.0}"),
        json);
    ModelManifest read = ModelDirectory.readManifest(dir);
    assertEquals(manifest, read);
    assertEquals(new ModelManifest.FoldIn(0.05, 0.0), read.foldIn());
  }

  @Test
  void aManifestFromBeforeTheTypedFieldReadsItFromTheHyperparameters() throws IOException {
    Files.writeString(
        dir.resolve(ModelDirectory.MANIFEST),
        "{\"formatVersion\":1,\"modelId\":\"m-old\",\"created\":\"2026-11-22T15:30:12Z\","
            + "\"modelType\":\"implicit-als\",\"factors\":2,\"clusters\":0,\"users\":1,"
            + "\"items\":1,\"seed\":7,\"hyperparameters\":{\"iterations\":15,"
            + "\"regularization\":0.1,\"alpha\":20.0},\"metrics\":{}}",
        StandardCharsets.UTF_8);
    ModelManifest read = ModelDirectory.readManifest(dir);
    assertEquals(new ModelManifest.FoldIn(0.1, 20.0), read.foldIn());
    assertEquals(15, read.hyperparameters().get("iterations"));
    assertEquals(0, read.contentItems(), "a manifest from before contentItems has none");
    assertEquals(1, read.trainedItems());
  }

  @Test
  void contentItemsRoundTripThroughManifestJson() throws IOException {
    ModelManifest manifest =
        new ModelManifest(
            ModelManifest.CURRENT_FORMAT_VERSION,
            "m-content",
            "2026-12-04T00:00:00Z",
            "implicit-als",
            4,
            2,
            "diag",
            2,
            5,
            3,
            42L,
            "sha256:abc",
            new ModelManifest.FoldIn(0.1, 2.0),
            Map.of("contentRegularization", 30.0),
            Map.of());
    ModelDirectory.writeManifest(dir, manifest);
    String json = Files.readString(dir.resolve(ModelDirectory.MANIFEST), StandardCharsets.UTF_8);
    assertTrue(json.replaceAll("\\s", "").contains("\"items\":5,\"contentItems\":3,"), json);
    ModelManifest read = ModelDirectory.readManifest(dir);
    assertEquals(manifest, read);
    assertEquals(3, read.contentItems());
    assertEquals(2, read.trainedItems());
  }

  @Test
  void contentItemsCannotExceedTheItems() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new ModelManifest(
                    ModelManifest.CURRENT_FORMAT_VERSION,
                    "m-bad",
                    "2026-12-04T00:00:00Z",
                    "implicit-als",
                    4,
                    0,
                    "diag",
                    2,
                    5,
                    6,
                    42L,
                    "sha256:abc",
                    null,
                    Map.of(),
                    Map.of()));
    assertEquals("contentItems must be in [0, items = 5], got 6", e.getMessage());
  }

  @Test
  void withoutEitherTheFoldInParametersAreNull() {
    assertNull(explicit(null).foldIn(), "hyperparameters lack alpha");
  }

  @Test
  void foldInParametersAreValidated() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ModelManifest.FoldIn(-0.1, 1));
    assertEquals("fold-in regularization must be a finite number >= 0, got -0.1", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ModelManifest.FoldIn(0.1, Double.POSITIVE_INFINITY));
    assertEquals("fold-in alpha must be a finite number >= 0, got Infinity", e.getMessage());
  }
}
