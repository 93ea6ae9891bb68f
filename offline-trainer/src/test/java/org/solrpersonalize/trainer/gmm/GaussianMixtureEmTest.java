package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GaussianMixtureEmTest {
  /** 600 rows: three chunks of 256, 256 and 88 rows, so chunked sums are exercised. */
  private static final PlantedMixture THREE = PlantedMixture.threeIn2d(600, 7L);

  private static GmmConfig config(int k, CovarianceType type, int threads) {
    return new GmmConfig(k, type, 200, 1e-8, 1e-6, 2, 11L, threads, GmmInit.KMEANS_PLUS_PLUS);
  }

  private static GaussianMixtureModel fitThree(CovarianceType type, int threads) {
    return GaussianMixtureEm.fit(THREE.data, THREE.n, 2, config(3, type, threads), EmProgress.NONE);
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void recoversThePlantedComponents(CovarianceType type) {
    GaussianMixtureModel gmm = fitThree(type, 1);
    float[] gamma = new float[THREE.n * 3];
    gmm.responsibilities(THREE.data, THREE.n, gamma);
    double ari =
        AdjustedRandIndex.of(THREE.labels, AdjustedRandIndex.argmaxRows(gamma, THREE.n, 3));
    assertTrue(ari > 0.95, "adjusted Rand index " + ari);
    assertTrue(gmm.converged());
    assertEquals(type, gmm.covarianceType());
    assertEquals(3, gmm.components());
    assertEquals(2, gmm.dimension());
    // Each fitted component matches the maximum-likelihood estimate from the planted labels.
    int[] order = componentOrder(gmm);
    for (int p = 0; p < 3; p++) {
      LabelStatistics truth = LabelStatistics.of(THREE, p);
      int c = order[p];
      assertEquals(truth.weight, gmm.weights()[c], 0.01, "weight of planted component " + p);
      assertArrayEquals(truth.mean, gmm.means()[c], 0.02, "mean of planted component " + p);
      double[] expected = type == CovarianceType.FULL ? truth.covariance : truth.variances();
      assertArrayEquals(expected, gmm.covariances()[c], 0.05, "covariance of component " + p);
    }
  }

  /** Fitted component index of each planted component: the one whose mean is nearest. */
  private static int[] componentOrder(GaussianMixtureModel gmm) {
    double[][] planted = {{0, 0}, {6, 0}, {0, 6}};
    int[] order = new int[3];
    for (int p = 0; p < 3; p++) {
      double best = Double.POSITIVE_INFINITY;
      for (int c = 0; c < 3; c++) {
        double[] m = gmm.means()[c];
        double dist = Math.hypot(m[0] - planted[p][0], m[1] - planted[p][1]);
        if (dist < best) {
          best = dist;
          order[p] = c;
        }
      }
    }
    return order;
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void lowerBoundIsTheMeanLogLikelihoodOfTheReturnedModel(CovarianceType type) {
    GaussianMixtureModel gmm = fitThree(type, 2);
    assertEquals(gmm.meanLogLikelihood(THREE.data, THREE.n), gmm.lowerBound(), 0.0);
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void theModelDoesNotDependOnTheThreadCount(CovarianceType type) {
    GaussianMixtureModel one = fitThree(type, 1);
    GaussianMixtureModel two = fitThree(type, 2);
    GaussianMixtureModel three = fitThree(type, 3);
    for (GaussianMixtureModel other : List.of(two, three)) {
      assertArrayEquals(one.weights(), other.weights(), 0.0);
      assertTrue(Arrays.deepEquals(one.means(), other.means()));
      assertTrue(Arrays.deepEquals(one.covariances(), other.covariances()));
      assertEquals(one.lowerBound(), other.lowerBound(), 0.0);
      assertEquals(one.iterations(), other.iterations());
    }
  }

  @Test
  void theSameSeedGivesTheSameModelAndAnotherSeedAnotherStart() {
    GaussianMixtureModel a = fitThree(CovarianceType.FULL, 1);
    GaussianMixtureModel b = fitThree(CovarianceType.FULL, 1);
    assertTrue(Arrays.deepEquals(a.means(), b.means()));
    List<Double> first = new ArrayList<>();
    List<Double> second = new ArrayList<>();
    GmmConfig c =
        new GmmConfig(3, CovarianceType.FULL, 1, 1e-8, 1e-6, 1, 1L, 1, GmmInit.KMEANS_PLUS_PLUS);
    GaussianMixtureEm.fit(THREE.data, THREE.n, 2, c, (r, i, ll) -> first.add(ll));
    GmmConfig c2 =
        new GmmConfig(3, CovarianceType.FULL, 1, 1e-8, 1e-6, 1, 2L, 1, GmmInit.KMEANS_PLUS_PLUS);
    GaussianMixtureEm.fit(THREE.data, THREE.n, 2, c2, (r, i, ll) -> second.add(ll));
    assertFalse(first.get(0).equals(second.get(0)), "different seeds, different k-means++ start");
  }

  @Test
  void emNeverDecreasesTheLikelihoodAndReportsEveryIteration() {
    List<int[]> calls = new ArrayList<>();
    List<Double> lls = new ArrayList<>();
    GmmConfig c =
        new GmmConfig(3, CovarianceType.FULL, 50, 1e-10, 1e-6, 2, 5L, 2, GmmInit.KMEANS_PLUS_PLUS);
    GaussianMixtureModel gmm =
        GaussianMixtureEm.fit(
            THREE.data,
            THREE.n,
            2,
            c,
            (run, iteration, ll) -> {
              calls.add(new int[] {run, iteration});
              lls.add(ll);
            });
    int run0 = 0;
    for (int i = 0; i < calls.size(); i++) {
      int[] call = calls.get(i);
      if (call[0] == 0) {
        assertEquals(i, call[1], "iterations of run 0 count from 0");
        run0++;
      }
      if (i > 0 && calls.get(i - 1)[0] == call[0]) {
        assertTrue(lls.get(i) >= lls.get(i - 1) - 1e-12, "EM step " + i + " lowered the LL");
      }
    }
    assertTrue(calls.stream().anyMatch(call -> call[0] == 1), "the second init ran");
    assertTrue(run0 >= 2);
  }

  @Test
  void stopsAtMaxIterationsUnconverged() {
    GmmConfig c =
        new GmmConfig(3, CovarianceType.FULL, 2, 0.0, 1e-6, 1, 5L, 1, GmmInit.KMEANS_PLUS_PLUS);
    List<Integer> iterations = new ArrayList<>();
    GaussianMixtureModel gmm =
        GaussianMixtureEm.fit(THREE.data, THREE.n, 2, c, (r, i, ll) -> iterations.add(i));
    assertEquals(List.of(0, 1, 2), iterations);
    assertEquals(2, gmm.iterations());
    assertFalse(gmm.converged());
  }

  @Test
  void farAwayPointsKeepEverythingFinite() {
    float[] data = Arrays.copyOf(THREE.data, THREE.data.length + 4);
    data[THREE.data.length] = 1e6f;
    data[THREE.data.length + 1] = -1e6f;
    data[THREE.data.length + 2] = -3e7f;
    data[THREE.data.length + 3] = 2e7f;
    int n = THREE.n + 2;
    GaussianMixtureModel gmm =
        GaussianMixtureEm.fit(data, n, 2, config(3, CovarianceType.FULL, 2), EmProgress.NONE);
    assertTrue(Double.isFinite(gmm.lowerBound()), "lower bound " + gmm.lowerBound());
    float[] l = new float[n * 3];
    gmm.logDensities(data, n, l);
    float[] gamma = new float[n * 3];
    gmm.responsibilities(data, n, gamma);
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        assertTrue(Float.isFinite(gamma[i * 3 + c]), "gamma of row " + i);
        sum += gamma[i * 3 + c];
      }
      assertEquals(1.0, sum, 1e-6, "responsibilities of row " + i);
    }
    // A single point far from a tight mixture: density underflows in linear space, not in logs.
    float[] far = {1e4f, 1e4f};
    GaussianMixtureModel fitted = fitThree(CovarianceType.DIAG, 1);
    float[] farLog = new float[3];
    fitted.logDensities(far, 1, farLog);
    double ll = fitted.meanLogLikelihood(far, 1);
    assertTrue(ll < -1e6 && Double.isFinite(ll), "log-likelihood " + ll);
    float[] farGamma = new float[3];
    fitted.responsibilities(far, 1, farGamma);
    assertEquals(1.0, farGamma[0] + farGamma[1] + farGamma[2], 1e-6);
  }

  /** The message of the refusal to fit {@code components} components to {@code data} (n x d). */
  private static String refusal(float[] data, int n, int d, int components) {
    return assertThrows(
            IllegalArgumentException.class,
            () ->
                GaussianMixtureEm.fit(data, n, d, GmmConfig.defaults(components), EmProgress.NONE))
        .getMessage();
  }

  @Test
  void fewerRowsThanComponentsIsAClearError() {
    assertEquals(
        "cannot fit 3 components to 2 rows: need at least one row per component",
        refusal(new float[] {0, 0, 1, 1}, 2, 2, 3));
  }

  @Test
  void nanIsAClearErrorNamingTheRow() {
    float[] data = THREE.data.clone();
    data[17 * 2 + 1] = Float.NaN;
    assertEquals("data row 17 column 1 is NaN", refusal(data, THREE.n, 2, 3));
  }

  @Test
  void dataOfTheWrongLengthIsAClearError() {
    assertEquals("data has 7 values, expected n*d = 4*2 = 8", refusal(new float[7], 4, 2, 1));
  }

  @Test
  void aComponentLeftWithoutPointsIsReseededOnTheWorstFittedRow() {
    // Four copies of one point and one far point; K=3: k-means++ must reuse a duplicate centre,
    // so one component starts empty and is moved to the worst-fitted row.
    float[] data = {0, 0, 0, 0, 0, 0, 0, 0, 10, 10};
    GmmConfig c =
        new GmmConfig(3, CovarianceType.DIAG, 5, 1e-6, 1e-3, 1, 3L, 1, GmmInit.KMEANS_PLUS_PLUS);
    GaussianMixtureModel gmm = GaussianMixtureEm.fit(data, 5, 2, c, EmProgress.NONE);
    for (double w : gmm.weights()) {
      assertTrue(w > 0, "weights " + Arrays.toString(gmm.weights()));
    }
    assertTrue(Double.isFinite(gmm.lowerBound()));
  }
}
