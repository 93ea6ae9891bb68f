package org.solrpersonalize.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.GeneratedInteractions;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.data.ListedInteractions;
import org.solrpersonalize.trainer.eval.SplitMode;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

class TrainerTest {

  /** 20 users in two groups over 12 items; user u uses 4 items of their group. */
  static Interactions twoGroups() {
    return GeneratedInteractions.of(
        20, 12, "i", 4, (u, j) -> (u < 10 ? 0 : 6) + (u + j) % 6, (u, j) -> 1 + j, "test");
  }

  private static TrainingConfig.Builder small() {
    return TrainingConfig.builder()
        .factors(3)
        .iterations(4)
        .regularization(0.5)
        .clustering(ClusteringConfig.withComponents(2));
  }

  @Test
  void sameModelForAnyThreadCount() {
    ModelDirectory.Model one = Trainer.fit(twoGroups(), small().threads(1).build()).directory();
    ModelDirectory.Model three = Trainer.fit(twoGroups(), small().threads(3).build()).directory();
    assertArrayEquals(one.userFactors(), three.userFactors());
    assertArrayEquals(one.itemFactors(), three.itemFactors());
    assertArrayEquals(one.itemLogDensity(), three.itemLogDensity());
    assertArrayEquals(one.userLogAffinity(), three.userLogAffinity());
    assertArrayEquals(one.gmmLogWeights(), three.gmmLogWeights());
    assertEquals(one.manifest().hyperparameters(), three.manifest().hyperparameters());
  }

  @Test
  void listenerHearsEveryIterationAndTheLastLossIsTheModels() {
    List<Integer> iterations = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    List<String> calls = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onFactorizationStart(ModelType model, int count) {
            calls.add("start " + model + " " + count);
          }

          @Override
          public void onIteration(int iteration, long elapsedMillis, double loss) {
            iterations.add(iteration);
            losses.add(loss);
          }

          @Override
          public void onFactorizationEnd() {
            calls.add("end");
          }

          @Override
          public void onMixtureFit(int components, int maxIterations) {
            calls.add("mixture K=" + components + " max " + maxIterations);
          }

          @Override
          public void onMixtureEnd() {
            calls.add("mixture end");
          }
        };
    TrainedModel model = Trainer.fit(twoGroups(), small().threads(2).build(), listener);
    assertEquals(List.of(1, 2, 3, 4), iterations);
    assertEquals(losses.get(3), model.finalLoss());
    assertEquals(List.of("start implicit 4", "end", "mixture K=2 max 300", "mixture end"), calls);
    assertEquals(List.of("train", "mixture"), List.copyOf(model.seconds().keySet()));
  }

  @Test
  void manifestDescribesTheModel() {
    TrainedModel model = Trainer.fit(twoGroups(), small().threads(1).build());
    assertEquals("implicit-als", model.manifest().modelType());
    assertEquals(3, model.manifest().factors());
    assertEquals(2, model.manifest().clusters());
    assertEquals(20, model.manifest().users());
    assertEquals(12, model.manifest().items());
    assertEquals(0.5, model.manifest().hyperparameters().get("regularization"));
    assertEquals(null, model.evaluation());
  }

  @Test
  void configIsCheckedWhenBuilt() {
    assertEquals(
        "factors must be in [1, 1024], got 0",
        assertThrows(BadInputException.class, () -> small().factors(0).build()).getMessage());
    assertEquals(
        "--at must be >= 1, got 0",
        assertThrows(BadInputException.class, () -> new HoldoutConfig(0.2, SplitMode.RANDOM, 0, 0))
            .getMessage());
    assertEquals(
        TrainingConfig.EXPLICIT_REGULARIZATION,
        TrainingConfig.builder().model(ModelType.EXPLICIT_ALS).build().regularization());
    assertEquals(100.0, TrainingConfig.builder().build().regularization());
  }

  @Test
  void nonFiniteFactorsNameTheFirstBadRow() {
    float[] factors = {0.5f, 1f, 2f, -1f, Float.NaN, 3f, Float.POSITIVE_INFINITY, 0f};
    NonFiniteFactorsException e =
        assertThrows(
            NonFiniteFactorsException.class,
            () ->
                FiniteFactors.check(
                    ModelType.IMPLICIT, "item", factors, 2, List.of("a", "b", "c", "d")));
    assertEquals(
        "implicit training gave non-finite factors: item 'c' (row 2) has NaN in column 0;"
            + " try a larger --regularization",
        e.getMessage());
    FiniteFactors.check(ModelType.IMPLICIT, "user", new float[] {1f, -2f}, 2, List.of("u"));
  }

  /**
   * A weight of 1e20 that reaches the library without the loader's line check (generated data) is
   * refused with the pair's ids before the float solver turns it into NaN factors.
   */
  @Test
  void aConfidenceTheFloatSolverCannotTakeIsRefusedNamingThePair() {
    Interactions data = ListedInteractions.of("u1 a 1", "u2 a 1e20", "u2 b 1");
    BadInputException e =
        assertThrows(BadInputException.class, () -> Trainer.fit(data, small().build()));
    assertEquals(
        "the confidence 1 + alpha * w = 1 + 5.0 * 1.0E20 of user 'u2' and item 'a' is above 1e9,"
            + " beyond which the float solver gives NaN factors; lower --alpha, use a smaller unit"
            + " for the weights, or --confidence log",
        e.getMessage());
    // The log scheme takes the same data: log(1 + 1e20) = 46.05.
    TrainedModel model =
        Trainer.fit(
            data,
            small()
                .clustering(ClusteringConfig.withComponents(1))
                .weighting(ConfidenceWeighting.of(ConfidenceScheme.LOG))
                .build());
    assertEquals("log", model.manifest().hyperparameters().get("confidence"));
    for (float f : model.directory().userFactors()) {
      assertTrue(Float.isFinite(f));
    }
  }

  @Test
  void explicitModelsTakeTheWeightsAsRatings() {
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () ->
                TrainingConfig.builder()
                    .model(ModelType.EXPLICIT_ALS)
                    .weighting(ConfidenceWeighting.of(ConfidenceScheme.BM25))
                    .build());
    assertEquals("--confidence bm25 applies to the implicit model only", e.getMessage());
  }
}
