package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GmmInitTest {
  /** Eight components in 4-d whose means overlap enough that k-means++ seeds can share one. */
  private static final PlantedMixture EIGHT = PlantedMixture.random(2000, 4, 8, 3.0, 11L);

  private static GaussianMixtureModel fit(GmmInit init, CovarianceType type, long seed) {
    GmmConfig config = new GmmConfig(8, type, 200, 1e-6, 1e-6, 1, seed, 2, init);
    return GaussianMixtureEm.fit(EIGHT.data, EIGHT.n, EIGHT.d, config, null);
  }

  @Test
  void lloydIterationsRepairBadKMeansPlusPlusSeeds() {
    // Seed 6 puts two k-means++ seeds in one planted component: EM from those seeds ends in a
    // local optimum, while Lloyd's iterations first move them apart and EM reaches the best
    // lower bound found from any start (-7.2662).
    assertEquals(
        -7.588207832, fit(GmmInit.KMEANS_PLUS_PLUS, CovarianceType.DIAG, 6).lowerBound(), 1e-9);
    assertEquals(-7.266213657, fit(GmmInit.KMEANS, CovarianceType.DIAG, 6).lowerBound(), 1e-9);
    assertEquals(-7.322246009, fit(GmmInit.RANDOM, CovarianceType.DIAG, 6).lowerBound(), 1e-9);
  }

  private static GaussianMixtureModel fit(CovarianceType type, int nInit, long seed, int threads) {
    GmmConfig config =
        new GmmConfig(8, type, 200, 1e-6, 1e-6, nInit, seed, threads, GmmInit.KMEANS);
    return GaussianMixtureEm.fit(EIGHT.data, EIGHT.n, EIGHT.d, config, null);
  }

  @Test
  void restartsKeepTheRunWithTheBestLowerBound() {
    // Seed 2's first k-means run ends in a local optimum; the second run, from the next split of
    // the seed, ends higher and is kept. The first run of nInit = 2 is the nInit = 1 run.
    assertEquals(-7.342967803, fit(CovarianceType.DIAG, 1, 2L, 2).lowerBound(), 1e-9);
    assertEquals(-7.322245896, fit(CovarianceType.DIAG, 2, 2L, 2).lowerBound(), 1e-9);
    assertEquals(-7.255327817, fit(CovarianceType.FULL, 1, 1L, 2).lowerBound(), 1e-9);
    assertEquals(-7.244515019, fit(CovarianceType.FULL, 2, 1L, 2).lowerBound(), 1e-9);
    // Seed 4's third run reaches the best optimum found from any start.
    assertEquals(-7.266213662, fit(CovarianceType.DIAG, 3, 4L, 2).lowerBound(), 1e-9);
    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureModel one = fit(type, 2, 2L, 1);
      GaussianMixtureModel two = fit(type, 2, 2L, 2);
      assertEquals(one.lowerBound(), two.lowerBound(), 0.0, type.toString());
      assertEquals(one.iterations(), two.iterations(), type.toString());
    }
  }

  @Test
  void kMeansInitIsBetterOnAverageOverSeeds() {
    double kmeans = 0;
    double plusPlus = 0;
    for (long seed = 1; seed <= 12; seed++) {
      kmeans += fit(GmmInit.KMEANS, CovarianceType.DIAG, seed).lowerBound() / 12;
      plusPlus += fit(GmmInit.KMEANS_PLUS_PLUS, CovarianceType.DIAG, seed).lowerBound() / 12;
    }
    assertTrue(kmeans > plusPlus + 0.05, kmeans + " vs " + plusPlus);
  }

  @Test
  void emLowerBoundNeverDecreases() {
    for (CovarianceType type : CovarianceType.values()) {
      for (GmmInit init : GmmInit.values()) {
        List<Double> bounds = new ArrayList<>();
        GmmConfig config = new GmmConfig(8, type, 200, 1e-6, 1e-6, 1, 3L, 2, init);
        GaussianMixtureModel model =
            GaussianMixtureEm.fit(
                EIGHT.data, EIGHT.n, EIGHT.d, config, (run, it, ll) -> bounds.add(ll));
        for (int i = 1; i < bounds.size(); i++) {
          assertTrue(
              bounds.get(i) >= bounds.get(i - 1) - 1e-12,
              type
                  + " "
                  + init
                  + ": iteration "
                  + i
                  + " "
                  + bounds.get(i)
                  + " < "
                  + bounds.get(i - 1));
        }
        if (init == GmmInit.KMEANS) {
          assertTrue(model.converged(), type + " " + init);
        }
      }
    }
  }

  @Test
  void parsesEverySpellingAndNamesThemOnError() {
    assertEquals(GmmInit.KMEANS, GmmInit.parse(" KMeans "));
    assertEquals(GmmInit.KMEANS_PLUS_PLUS, GmmInit.parse("kmeans++"));
    assertEquals(GmmInit.RANDOM, GmmInit.parse("random"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GmmInit.parse("kmedoids"));
    assertEquals(
        "--gmm-init must be one of kmeans|kmeans++|random, got 'kmedoids'", e.getMessage());
  }
}
