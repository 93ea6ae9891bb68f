package org.solrpersonalize.trainer.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.Catalog;

class ContentFactorMapTest {
  private static Catalog.Item item(String id, String category) {
    return new Catalog.Item(
        id, Map.of("category", category == null ? List.of() : List.of(category)));
  }

  private static Catalog catalog(List<Catalog.Item> items) {
    return new Catalog(items, "sha256:test", items.size(), 0, 0);
  }

  /**
   * Two known items A (x) = [2, -1] and B (y) = [0, 3], lambda 1. Centered: mean [1, 1], features
   * [±0.5, ∓0.5]; Gram [[.5, -.5], [-.5, .5]] + I; X^T Yc = [[1, -2], [-1, 2]], so W = [[.5, -1],
   * [-.5, 1]]. C (x): [1, 1] + [.5, -.5] W = [1.5, 0]; D (z, unseen) and E (no value): the mean
   * minus mean_x W = [1, 1].
   */
  @Test
  void ridgeWithAnUnpenalizedInterceptOnAHandSolvedCase() {
    ContentConfig config =
        ContentConfig.of(
                catalog(
                    List.of(
                        item("A", "x"),
                        item("C", "x"),
                        item("B", "y"),
                        item("D", "z"),
                        item("E", null))),
                List.of("category"))
            .withMinFeatureItems(1)
            .withRegularization(1.0);
    ContentFactorMap.Prediction prediction =
        ContentFactorMap.predict(
            config, List.of("B", "A", "unknown"), new float[] {0, 3, 2, -1, 9, 9}, 2, 42, 1);
    assertEquals(List.of("C", "D", "E"), prediction.itemIds());
    assertArrayEquals(new float[] {1.5f, 0f, 1f, 1f, 1f, 1f}, prediction.factors(), 1e-6f);
    assertEquals(1.0, prediction.hyperparameters().get("contentRegularization"));
    assertEquals(2, prediction.hyperparameters().get("contentFeatures"));
    assertEquals(2, prediction.hyperparameters().get("contentTrainingItems"));
    assertEquals(false, prediction.hyperparameters().get("contentHashed"));
  }

  /** Items whose factors are sums of planted per-value vectors over three categorical fields. */
  private static ContentConfig planted(int known, int cold, float[] factors, float[] expected) {
    SplittableRandom random = new SplittableRandom(7);
    double[][][] planted = new double[3][5][2];
    for (double[][] field : planted) {
      for (double[] value : field) {
        value[0] = random.nextDouble(-1, 1);
        value[1] = random.nextDouble(-1, 1);
      }
    }
    List<Catalog.Item> items = new ArrayList<>();
    for (int i = 0; i < known + cold; i++) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      double[] sum = new double[2];
      for (int f = 0; f < 3; f++) {
        int v = random.nextInt(5);
        values.put("f" + f, List.of("v" + v));
        sum[0] += planted[f][v][0];
        sum[1] += planted[f][v][1];
      }
      items.add(new Catalog.Item("i" + i, values));
      float[] out = i < known ? factors : expected;
      int row = i < known ? i : i - known;
      out[row * 2] = (float) sum[0];
      out[row * 2 + 1] = (float) sum[1];
    }
    return ContentConfig.of(catalog(items), List.of("f0", "f1", "f2"));
  }

  @Test
  void recoversPlantedLinearFactorsOfNewItems() {
    float[] known = new float[300 * 2];
    float[] expected = new float[20 * 2];
    ContentConfig config = planted(300, 20, known, expected).withRegularization(0.01);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ids.add("i" + i);
    }
    ContentFactorMap.Prediction prediction = ContentFactorMap.predict(config, ids, known, 2, 1, 1);
    assertEquals(20, prediction.itemIds().size());
    assertArrayEquals(expected, prediction.factors(), 2e-3f);
  }

  @Test
  void lambdaIsChosenOnASeededValidationSplitAndTheResultDoesNotDependOnThreads() {
    float[] known = new float[300 * 2];
    float[] expected = new float[20 * 2];
    ContentConfig config = planted(300, 20, known, expected);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ids.add("i" + i);
    }
    ContentFactorMap.Prediction first = ContentFactorMap.predict(config, ids, known, 2, 5, 1);
    ContentFactorMap.Prediction second = ContentFactorMap.predict(config, ids, known, 2, 5, 3);
    assertArrayEquals(first.factors(), second.factors());
    assertEquals(first.hyperparameters(), second.hyperparameters());
    @SuppressWarnings("unchecked")
    Map<String, Double> errors =
        (Map<String, Double>) first.hyperparameters().get("contentValidationMseByRegularization");
    assertEquals(List.of("3.0", "10.0", "30.0", "100.0", "300.0"), List.copyOf(errors.keySet()));
    // Noise-free planted factors: the smallest lambda shrinks least and wins.
    assertEquals(3.0, first.hyperparameters().get("contentRegularization"));
    assertTrue(errors.get("3.0") < errors.get("300.0"), errors.toString());
  }

  @Test
  void aVocabularyLargerThanTheBucketsIsHashed() {
    List<Catalog.Item> items = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      items.add(
          new Catalog.Item(
              "i" + i, Map.of("title", List.of("word" + (i % 20) + " common", "word" + (i % 20)))));
      ids.add("i" + i);
    }
    ContentConfig config =
        new ContentConfig(
            catalog(items),
            List.of("title"),
            ContentConfig.DEFAULT_TEXT_FIELDS,
            4,
            2,
            1.0,
            ContentConfig.DEFAULT_VALIDATION_FRACTION);
    ContentFactorMap.Prediction prediction =
        ContentFactorMap.predict(config, ids, new float[40], 1, 1, 1);
    assertEquals(16, prediction.hyperparameters().get("contentFeatures"));
    assertEquals(true, prediction.hyperparameters().get("contentHashed"));
  }

  @Test
  void aCatalogSharingFewerThanTwoItemsWithTheInteractionsIsRefused() {
    ContentConfig config =
        ContentConfig.of(catalog(List.of(item("A", "x"), item("B", "y"))), List.of("category"));
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> ContentFactorMap.predict(config, List.of("A", "Z"), new float[2], 1, 1, 1));
    assertEquals(
        "--catalog shares 1 item(s) with the interactions; the content map needs at least 2 items"
            + " with both content and interactions",
        e.getMessage());
  }
}
