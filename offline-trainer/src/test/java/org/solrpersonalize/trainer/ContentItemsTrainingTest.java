package org.solrpersonalize.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.content.ContentConfig;
import org.solrpersonalize.trainer.data.Catalog;
import org.solrpersonalize.trainer.gmm.GaussianMixtureModel;

/** {@code train --catalog}: items without interactions join the model directory. */
class ContentItemsTrainingTest {
  @TempDir Path dir;

  /**
   * The 12 items of {@link TrainerTest#twoGroups} with their group (i0-i5 g0, i6-i11 g1), and a new
   * item of each group.
   */
  private static Catalog catalog() {
    List<Catalog.Item> items = new ArrayList<>();
    items.add(new Catalog.Item("new0", Map.of("group", List.of("g0"))));
    for (int i = 0; i < 12; i++) {
      items.add(new Catalog.Item("i" + i, Map.of("group", List.of(i < 6 ? "g0" : "g1"))));
    }
    items.add(new Catalog.Item("new1", Map.of("group", List.of("g1"))));
    return new Catalog(items, "sha256:catalog", items.size(), 0, 0);
  }

  private static TrainingConfig config(long seed) {
    return TrainingConfig.builder()
        .factors(3)
        .iterations(4)
        .regularization(0.5)
        .seed(seed)
        .clustering(ClusteringConfig.withComponents(2))
        .content(
            ContentConfig.of(catalog(), List.of("group"))
                .withMinFeatureItems(1)
                .withRegularization(1.0))
        .build();
  }

  @Test
  void newItemsGetPredictedFactorsAndLogDensitiesInTheModelDirectory() throws IOException {
    TrainedModel trained = Trainer.fit(TrainerTest.twoGroups(), config(42));
    trained.writeTo(dir);
    ModelDirectory.Model model = ModelDirectory.read(dir);
    ModelManifest manifest = model.manifest();
    assertEquals(14, manifest.items());
    assertEquals(2, manifest.contentItems());
    assertEquals(12, manifest.trainedItems());
    assertEquals(List.of("new0", "new1"), model.itemIds().subList(12, 14));
    assertEquals(1.0, manifest.hyperparameters().get("contentRegularization"));
    assertEquals("group", manifest.hyperparameters().get("contentFields"));

    // Two groups of 6 with one binary feature each: the prediction is the mean of all 12 plus
    // 3/(6 + lambda) of the difference of the group means (the centered Gram is 3 [[1,-1],[-1,1]]).
    int k = 3;
    float[] factors = model.itemFactors();
    for (int j = 0; j < k; j++) {
      double g0 = 0;
      double g1 = 0;
      for (int i = 0; i < 6; i++) {
        g0 += factors[i * k + j] / 6.0;
        g1 += factors[(i + 6) * k + j] / 6.0;
      }
      double mean = (g0 + g1) / 2;
      double shift = 3 * (g0 - g1) / 7;
      assertEquals(mean + shift, factors[12 * k + j], 1e-5, "new0 column " + j);
      assertEquals(mean - shift, factors[13 * k + j], 1e-5, "new1 column " + j);
    }

    // Their log-densities come from the same mixture as the trained items'.
    GaussianMixtureModel mixture =
        GaussianMixtureModel.readJson(dir.resolve(TrainedModel.GMM_JSON));
    float[] expected = new float[2 * 2];
    mixture.logDensities(Arrays.copyOfRange(factors, 12 * k, 14 * k), 2, expected);
    assertArrayEquals(expected, Arrays.copyOfRange(model.itemLogDensity(), 12 * 2, 14 * 2), 1e-5f);
  }

  @Test
  void theSameSeedGivesTheSameContentItems() {
    ModelDirectory.Model one = Trainer.fit(TrainerTest.twoGroups(), config(7)).directory();
    ModelDirectory.Model two = Trainer.fit(TrainerTest.twoGroups(), config(7)).directory();
    assertArrayEquals(one.itemFactors(), two.itemFactors());
    assertArrayEquals(one.itemLogDensity(), two.itemLogDensity());
    assertEquals(one.itemIds(), two.itemIds());
  }

  @Test
  void coldItemEvaluationHoldsOutItemsAndRanksThemFromContent() {
    ColdItemReport report =
        ColdItemEvaluation.evaluate(
            TrainerTest.twoGroups(), config(42), 0.25, 10, TrainingListener.NONE);
    assertEquals(3, report.heldOutItems());
    assertEquals(0.25, report.fraction());
    assertEquals(10, report.at());
    assertEquals(16, report.users());
    // Three held-out items: the group feature ranks each user's own group's item(s) first.
    assertEquals(0.9769331095982161, report.ndcg(), 1e-12);
    assertEquals(0.8000414964085245, report.randomNdcg(), 1e-12);
    assertEquals(0.8076511205529084, report.categoryPopularityNdcg(), 1e-12);
    assertEquals(9, report.content().get("contentTrainingItems"));
  }
}
