package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GaussianMixtureModelTest {
  /** 300 rows in 3-d: two chunks. */
  private static final PlantedMixture DATA = PlantedMixture.random(300, 3, 2, 2.0, 3L);

  /** Hand-made parameters: covariance A is correlated, B nearly singular along one axis. */
  static GaussianMixtureModel handMade(CovarianceType type) {
    double[][] means = {{0.5, -1, 0.25}, {2, 1.5, -0.5}};
    double[][] covariances =
        type == CovarianceType.FULL
            ? new double[][] {
              {2, 0.5, -0.3, 0.5, 1, 0.2, -0.3, 0.2, 0.8},
              {0.6, 0, 0.1, 0, 1.5, 0, 0.1, 0, 0.05}
            }
            : new double[][] {{2, 1, 0.8}, {0.6, 1.5, 0.05}};
    return new GaussianMixtureModel(
        type, new double[] {0.3, 0.7}, means, covariances, -1, 0, false);
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void meanLogLikelihoodEqualsTheTextbookFormula(CovarianceType type) {
    GaussianMixtureModel gmm = handMade(type);
    double expected = new DirectMixtureDensity(gmm).meanLogLikelihood(DATA.data, DATA.n);
    assertEquals(expected, gmm.meanLogLikelihood(DATA.data, DATA.n), 1e-9);
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void aFittedModelAgreesWithTheTextbookFormula(CovarianceType type) {
    // d = 9: two 4 x 4 tiles of the Cholesky factor, one tile update, one single row.
    PlantedMixture nine = PlantedMixture.random(400, 9, 3, 3.0, 9L);
    GmmConfig config = new GmmConfig(3, type, 100, 1e-6, 1e-6, 1, 4L, 2, GmmInit.KMEANS_PLUS_PLUS);
    GaussianMixtureModel gmm = GaussianMixtureEm.fit(nine.data, nine.n, 9, config, null);
    DirectMixtureDensity direct = new DirectMixtureDensity(gmm);
    assertEquals(direct.meanLogLikelihood(nine.data, nine.n), gmm.lowerBound(), 1e-9);
    float[] l = new float[nine.n * 3];
    gmm.logDensities(nine.data, nine.n, l);
    for (int i = 0; i < nine.n; i++) {
      for (int c = 0; c < 3; c++) {
        double expected = direct.logDensity(nine.data, i, c);
        assertEquals(expected, l[i * 3 + c], 1e-6 * Math.max(1, Math.abs(expected)));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void logDensitiesAndResponsibilitiesEqualTheTextbookFormula(CovarianceType type) {
    GaussianMixtureModel gmm = handMade(type);
    DirectMixtureDensity direct = new DirectMixtureDensity(gmm);
    float[] l = new float[DATA.n * 2];
    float[] gamma = new float[DATA.n * 2];
    gmm.logDensities(DATA.data, DATA.n, l);
    gmm.responsibilities(DATA.data, DATA.n, gamma);
    for (int i = 0; i < DATA.n; i++) {
      for (int c = 0; c < 2; c++) {
        double expected = direct.logDensity(DATA.data, i, c);
        assertEquals(expected, l[i * 2 + c], 1e-6 * Math.max(1, Math.abs(expected)), "l " + i);
        assertEquals(direct.responsibility(DATA.data, i, c), gamma[i * 2 + c], 1e-6, "g " + i);
      }
    }
  }

  @Test
  void bicCountsFreeParameters() {
    GaussianMixtureModel full = handMade(CovarianceType.FULL);
    GaussianMixtureModel diag = handMade(CovarianceType.DIAG);
    // K - 1 weights + K d means + K d(d+1)/2 or K d covariance entries, K = 2, d = 3.
    assertEquals(1 + 6 + 12, full.freeParameters());
    assertEquals(1 + 6 + 6, diag.freeParameters());
    double ll = full.meanLogLikelihood(DATA.data, DATA.n);
    assertEquals(-2 * 300 * ll + 19 * Math.log(300), full.bic(DATA.data, DATA.n), 1e-9);
  }

  @Test
  void gettersReturnCopies() {
    GaussianMixtureModel gmm = handMade(CovarianceType.FULL);
    gmm.weights()[0] = 99;
    gmm.means()[0][0] = 99;
    gmm.covariances()[0][0] = 99;
    assertEquals(0.3, gmm.weights()[0]);
    assertEquals(0.5, gmm.means()[0][0]);
    assertEquals(2, gmm.covariances()[0][0]);
  }

  @Test
  void outputOfTheWrongSizeIsAClearError() {
    GaussianMixtureModel gmm = handMade(CovarianceType.DIAG);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> gmm.logDensities(DATA.data, DATA.n, new float[5]));
    assertEquals("out must hold n*K = 300*2 = 600 floats, got 5", e.getMessage());
  }

  @Test
  void invalidParametersAreNamed() {
    double[] halves = {0.5, 0.5};
    double[][] means = {{0, 0}, {1, 1}};
    double[][] diag = {{1, 1}, {1, 1}};
    assertInvalid(
        "weights must sum to 1, got 0.9",
        CovarianceType.DIAG,
        new double[] {0.5, 0.4},
        means,
        diag);
    assertInvalid(
        "weights[1] must be positive and finite, got 0.0",
        CovarianceType.DIAG,
        new double[] {1, 0},
        means,
        diag);
    assertInvalid(
        "covariances[1] must have 4 values, got 2",
        CovarianceType.FULL,
        halves,
        means,
        new double[][] {{1, 0, 0, 1}, {1, 1}});
    assertInvalid(
        "covariances[0] is not symmetric: entry (0,1) = 0.5 but (1,0) = 0.4",
        CovarianceType.FULL,
        halves,
        means,
        new double[][] {{1, 0.5, 0.4, 1}, {1, 0, 0, 1}});
    assertInvalid(
        "covariance of component 1 is not positive definite; increase regCovar",
        CovarianceType.FULL,
        halves,
        means,
        new double[][] {{1, 0, 0, 1}, {1, 2, 2, 1}});
    assertInvalid(
        "covariance of component 0 is not positive definite; increase regCovar",
        CovarianceType.DIAG,
        halves,
        means,
        new double[][] {{1, 0}, {1, 1}});
    assertInvalid(
        "means[1][0] is NaN",
        CovarianceType.DIAG,
        halves,
        new double[][] {{0, 0}, {Double.NaN, 0}},
        diag);
    assertInvalid(
        "means[1] must have 2 values, got 3",
        CovarianceType.DIAG,
        halves,
        new double[][] {{0, 0}, {0, 0, 0}},
        diag);
  }

  /** The constructor refuses these parameters with exactly {@code message}. */
  private static void assertInvalid(
      String message,
      CovarianceType type,
      double[] weights,
      double[][] means,
      double[][] covariances) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new GaussianMixtureModel(type, weights, means, covariances, 0, 0, true));
    assertEquals(message, e.getMessage());
  }

  @Test
  void responsibilitiesOfEachRowSumToOne() {
    GaussianMixtureModel gmm = handMade(CovarianceType.FULL);
    float[] gamma = new float[DATA.n * 2];
    gmm.responsibilities(DATA.data, DATA.n, gamma);
    for (int i = 0; i < DATA.n; i++) {
      assertEquals(1.0, gamma[2 * i] + gamma[2 * i + 1], 1e-6);
      assertTrue(gamma[2 * i] >= 0 && gamma[2 * i + 1] >= 0);
    }
    assertArrayEquals(new double[] {0.3, 0.7}, gmm.weights(), 0.0);
  }
}
