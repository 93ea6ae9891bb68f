package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.concurrent.RowBlocks;

class KMeansLloydTest {
  /** Eight overlapping components in 4-d: single k-means runs end in different local optima. */
  private static final PlantedMixture EIGHT = PlantedMixture.random(2000, 4, 8, 3.0, 11L);

  private static KMeansPlusPlus.Seeding fit(long seed, int threads, int restarts) {
    try (RowBlocks blocks = new RowBlocks(threads)) {
      return KMeansLloyd.fit(
          EIGHT.data, EIGHT.n, EIGHT.d, 8, new SplittableRandom(seed), blocks, restarts);
    }
  }

  @Test
  void restartsKeepTheRunWithTheLowestInertia() {
    int restarts = 6;
    int seedsWhereALaterRunWins = 0;
    for (long seed = 1; seed <= 8; seed++) {
      // Replays the restarts one by one from the same random stream.
      double[] inertias = new double[restarts];
      KMeansPlusPlus.Seeding[] runs = new KMeansPlusPlus.Seeding[restarts];
      SplittableRandom random = new SplittableRandom(seed);
      try (RowBlocks blocks = new RowBlocks(1)) {
        for (int r = 0; r < restarts; r++) {
          runs[r] = KMeansLloyd.fit(EIGHT.data, EIGHT.n, EIGHT.d, 8, random, blocks, 1);
          inertias[r] = KMeansLloyd.inertia(runs[r]);
        }
      }
      int lowest = 0;
      for (int r = 1; r < restarts; r++) {
        if (inertias[r] < inertias[lowest]) {
          lowest = r;
        }
      }
      if (lowest > 0) {
        seedsWhereALaterRunWins++;
      }
      KMeansPlusPlus.Seeding best = fit(seed, 1, restarts);
      assertEquals(inertias[lowest], KMeansLloyd.inertia(best), 0.0, "seed " + seed);
      assertArrayEquals(runs[lowest].nearest(), best.nearest(), "seed " + seed);
      for (int c = 0; c < 8; c++) {
        assertArrayEquals(runs[lowest].centers()[c], best.centers()[c], 0.0, "seed " + seed);
      }
    }
    assertTrue(seedsWhereALaterRunWins >= 2, seedsWhereALaterRunWins + " of 8 seeds");
  }

  @Test
  void oneRestartDrawsWhatTheFirstOfManyDraws() {
    KMeansPlusPlus.Seeding one = fit(6L, 1, 1);
    try (RowBlocks blocks = new RowBlocks(1)) {
      KMeansPlusPlus.Seeding first =
          KMeansLloyd.refine(
              EIGHT.data,
              EIGHT.n,
              EIGHT.d,
              KMeansPlusPlus.seedGreedy(EIGHT.data, EIGHT.n, EIGHT.d, 8, new SplittableRandom(6L)),
              blocks);
      assertArrayEquals(first.nearest(), one.nearest());
    }
  }

  @Test
  void restartsDoNotDependOnTheThreadCount() {
    for (long seed = 1; seed <= 4; seed++) {
      KMeansPlusPlus.Seeding one = fit(seed, 1, 10);
      KMeansPlusPlus.Seeding two = fit(seed, 2, 10);
      assertEquals(KMeansLloyd.inertia(one), KMeansLloyd.inertia(two), 0.0);
      assertArrayEquals(one.nearest(), two.nearest());
      assertArrayEquals(one.squaredDistance(), two.squaredDistance(), 0.0);
      for (int c = 0; c < 8; c++) {
        assertArrayEquals(one.centers()[c], two.centers()[c], 0.0);
      }
    }
  }

  @Test
  void emFromKMeansDoesNotDependOnTheThreadCount() {
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureModel[] models = new GaussianMixtureModel[2];
      for (int threads = 1; threads <= 2; threads++) {
        GmmConfig config = new GmmConfig(8, type, 200, 1e-6, 1e-6, 1, 6L, threads, GmmInit.KMEANS);
        models[threads - 1] = GaussianMixtureEm.fit(EIGHT.data, EIGHT.n, EIGHT.d, config, null);
      }
      assertEquals(models[0].lowerBound(), models[1].lowerBound(), 0.0, type.toString());
      assertEquals(models[0].iterations(), models[1].iterations(), type.toString());
    }
  }
}
