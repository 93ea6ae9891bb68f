package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.TrainedModel;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.data.InteractionLoader;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.gmm.CovarianceType;

/** The mixture on the driver, on all item rows or on a seeded sample of them. */
class DriverMixtureTest {
  private static final int ITEMS = 400;
  private static final int DIMENSION = 3;

  @Test
  void sampleKeepsRowsInOrderAndIsSeeded() {
    float[] data = new float[ITEMS * DIMENSION];
    for (int row = 0; row < ITEMS; row++) {
      for (int j = 0; j < DIMENSION; j++) {
        data[row * DIMENSION + j] = row;
      }
    }
    float[] sample = DriverMixture.sample(data, ITEMS, DIMENSION, 50, 9L);
    assertEquals(50 * DIMENSION, sample.length);
    for (int r = 1; r < 50; r++) {
      assertTrue(sample[r * DIMENSION] > sample[(r - 1) * DIMENSION], "rows keep their order");
      assertEquals(sample[r * DIMENSION], sample[r * DIMENSION + 2]);
    }
    assertArrayEquals(sample, DriverMixture.sample(data, ITEMS, DIMENSION, 50, 9L));
  }

  /** Fitted on 100 of 400 rows; densities and responsibilities still cover all 400. */
  @Test
  void fitOnASampleCoversEveryItem() {
    float[] data = plantedClusters();
    MixtureConfig config =
        new MixtureConfig(
            new ClusteringConfig(
                2,
                List.of(2),
                CovarianceType.DIAG,
                ClusteringConfig.KMEANS_PLUS_PLUS,
                1,
                1e-6,
                100,
                1e-3,
                1.0),
            100);
    DriverMixture.Result result = DriverMixture.fit(data, ITEMS, DIMENSION, config, 5L);
    assertEquals(2, result.clusters());
    assertEquals(100, result.hyperparameters().get("gmmSampleRows"));
    assertEquals(ITEMS * 2, result.itemLogDensity().length);
    float[] expected = new float[ITEMS * 2];
    result.model().logDensities(data, ITEMS, expected);
    assertArrayEquals(expected, result.itemLogDensity());
    // Every even row is in one cluster and every odd row in the other.
    for (int row = 2; row < ITEMS; row++) {
      int same = row % 2;
      assertEquals(
          result.itemResponsibilities()[same * 2] > 0.5f,
          result.itemResponsibilities()[row * 2] > 0.5f,
          "row " + row);
    }
  }

  /**
   * The driver's mixture is the local trainer's: same defaults (kmeans starts, 300 iterations),
   * same EM, so the same item factors give the same densities, weights and fit.
   */
  @Test
  void sameMixtureAsTheLocalTrainerOnTheSameItemFactors(@TempDir Path dir) throws Exception {
    DemoDataset shop = DemoDataset.generate(dir.resolve("shop"), 300, 200, 7);
    Interactions data =
        new InteractionLoader(LoadOptions.DEFAULT, message -> {})
            .load(List.of(shop.interactionsFile()), bytes -> {});
    ClusteringConfig clustering = ClusteringConfig.withComponents(4);
    assertEquals("kmeans", clustering.init());
    assertEquals(300, clustering.maxIterations());
    TrainedModel local =
        Trainer.fit(
            data,
            TrainingConfig.builder()
                .factors(8)
                .iterations(3)
                .regularization(100)
                .alpha(5)
                .clustering(clustering)
                .seed(7)
                .threads(1)
                .build());
    ModelDirectory.Model model = local.directory();
    DriverMixture.Result driver =
        DriverMixture.fit(
            model.itemFactors(),
            data.items(),
            8,
            new MixtureConfig(clustering, MixtureConfig.DEFAULT_SAMPLE_ROWS),
            7L);
    assertEquals(4, driver.clusters());
    assertArrayEquals(model.itemLogDensity(), driver.itemLogDensity());
    assertArrayEquals(model.gmmLogWeights(), driver.gmmLogWeights());
    Map<String, Object> localHyper = local.manifest().hyperparameters();
    for (Map.Entry<String, Object> entry : driver.hyperparameters().entrySet()) {
      if (!entry.getKey().equals("gmmSampleRows")) {
        assertEquals(localHyper.get(entry.getKey()), entry.getValue(), entry.getKey());
      }
    }
    assertEquals("kmeans", driver.hyperparameters().get("gmmInit"));
  }

  @Test
  void noMixture() {
    DriverMixture.Result result =
        DriverMixture.fit(
            plantedClusters(), ITEMS, DIMENSION, MixtureConfig.defaults().withClusters(0), 5L);
    assertEquals(0, result.clusters());
    assertEquals(0, result.itemLogDensity().length);
    assertEquals(0, result.gmmLogWeights().length);
  }

  /** Even rows around (-5, -5, -5), odd rows around (5, 5, 5). */
  private static float[] plantedClusters() {
    SplittableRandom random = new SplittableRandom(3);
    float[] data = new float[ITEMS * DIMENSION];
    for (int row = 0; row < ITEMS; row++) {
      float center = row % 2 == 0 ? -5f : 5f;
      for (int j = 0; j < DIMENSION; j++) {
        data[row * DIMENSION + j] = center + (float) random.nextGaussian();
      }
    }
    return data;
  }
}
