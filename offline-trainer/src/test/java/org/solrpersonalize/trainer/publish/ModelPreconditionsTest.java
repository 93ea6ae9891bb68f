package org.solrpersonalize.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;

class ModelPreconditionsTest {
  /** k = 2, K = 1; items i0, i1; users u0 and the given second user id. */
  private static ModelDirectory.Model model(
      String secondUser, float[] itemFactors, float[] gmmLogWeights) {
    return model(secondUser, itemFactors, gmmLogWeights, 0);
  }

  /** The same, the last {@code contentItems} items predicted from content. */
  private static ModelDirectory.Model model(
      String secondUser, float[] itemFactors, float[] gmmLogWeights, int contentItems) {
    ModelManifest manifest =
        new ModelManifest(
            ModelManifest.CURRENT_FORMAT_VERSION,
            "m1",
            "2026-11-23T10:00:00Z",
            "implicit-als",
            2,
            1,
            "full",
            2,
            2,
            contentItems,
            1,
            "sha256:test",
            new ModelManifest.FoldIn(0.1, 10.0),
            Map.of("regularization", 0.1, "alpha", 10.0),
            Map.of());
    return new ModelDirectory.Model(
        manifest,
        List.of("u0", secondUser),
        List.of("i0", "i1"),
        new float[] {1, 0, 0, 1},
        itemFactors,
        new float[] {-1, -2},
        new float[] {-0.5f, -0.7f},
        gmmLogWeights,
        null);
  }

  @Test
  void aFiniteModelGivesItsGramAsFloat32() {
    float[] gram = ModelPreconditions.check(model("u1", new float[] {1, 2, 3, 4}, new float[] {0}));
    assertArrayEquals(new float[] {10, 14, 14, 20}, gram);
  }

  @Test
  void theGramCoversTheTrainedItemsOnlyNotTheContentPredictedOnes() {
    // i1 predicted from content: it took no part in the user factors, so not in Y^T Y either.
    float[] gram =
        ModelPreconditions.check(model("u1", new float[] {1, 2, 3, 4}, new float[] {0}, 1));
    assertArrayEquals(new float[] {1, 2, 2, 4}, gram);
  }

  @Test
  void theFirstValueThatIsNotFiniteIsNamedWithItsFileRowAndId() {
    PublishRefusedException e =
        assertThrows(
            PublishRefusedException.class,
            () ->
                ModelPreconditions.check(
                    model("u1", new float[] {1, 2, Float.POSITIVE_INFINITY, 4}, new float[] {0})));
    assertEquals(
        "model m1: item_factors.f32 holds Infinity in row 1 (item 'i1'), column 0; nothing was"
            + " written, the active model is unchanged",
        e.getMessage());
    e =
        assertThrows(
            PublishRefusedException.class,
            () ->
                ModelPreconditions.check(
                    model("u1", new float[] {1, 2, 3, 4}, new float[] {Float.NaN})));
    assertEquals(
        "model m1: gmm_log_weights.f32 holds NaN for component 0; nothing was written, the active"
            + " model is unchanged",
        e.getMessage());
  }

  @Test
  void aUserIdIsMeasuredInUtf8Bytes() {
    // 10,921 three-byte characters: 32,763 bytes, exactly what "m1/" leaves of 32,766
    String longest = "€".repeat(10_921);
    ModelPreconditions.check(model(longest, new float[] {1, 2, 3, 4}, new float[] {0}));
    PublishRefusedException e =
        assertThrows(
            PublishRefusedException.class,
            () ->
                ModelPreconditions.check(
                    model(longest + "x", new float[] {1, 2, 3, 4}, new float[] {0})));
    assertEquals(
        "model m1: the user id on line 2 of user_ids.txt ('"
            + "€".repeat(40)
            + "...') has 32,764 UTF-8 bytes; Solr indexes at most 32,766 bytes per term (32,763"
            + " for a user id under this model); nothing was written, the active model is"
            + " unchanged",
        e.getMessage());
  }
}
