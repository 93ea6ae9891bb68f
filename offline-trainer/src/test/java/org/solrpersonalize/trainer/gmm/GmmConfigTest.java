package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GmmConfigTest {
  @Test
  void defaults() {
    GmmConfig c = GmmConfig.defaults(8);
    assertEquals(8, c.components());
    assertEquals(CovarianceType.FULL, c.covariance());
    assertEquals(100, c.maxIterations());
    assertEquals(1e-3, c.tolerance());
    assertEquals(1e-6, c.regCovar());
    assertEquals(1, c.nInit());
    assertEquals(42L, c.seed());
    assertEquals(Runtime.getRuntime().availableProcessors(), c.threads());
    assertEquals(
        new GmmConfig(
            3, CovarianceType.FULL, 100, 1e-3, 1e-6, 1, 42L, c.threads(), GmmInit.KMEANS_PLUS_PLUS),
        c.withComponents(3));
  }

  @Test
  void invalidValuesAreNamed() {
    assertEquals("GmmConfig.components must be >= 1, got 0", invalid(() -> GmmConfig.defaults(0)));
    assertEquals(
        "covariance must not be null",
        invalid(() -> new GmmConfig(2, null, 10, 1e-3, 1e-6, 1, 1, 1, GmmInit.KMEANS_PLUS_PLUS)));
    assertEquals(
        "GmmConfig.maxIterations must be >= 1, got 0",
        invalid(
            () ->
                new GmmConfig(
                    2, CovarianceType.DIAG, 0, 1e-3, 1e-6, 1, 1, 1, GmmInit.KMEANS_PLUS_PLUS)));
    assertEquals(
        "GmmConfig.tolerance must be >= 0, got NaN",
        invalid(
            () ->
                new GmmConfig(
                    2,
                    CovarianceType.DIAG,
                    10,
                    Double.NaN,
                    1e-6,
                    1,
                    1,
                    1,
                    GmmInit.KMEANS_PLUS_PLUS)));
    assertEquals(
        "GmmConfig.regCovar must be >= 0, got -1.0",
        invalid(
            () ->
                new GmmConfig(
                    2, CovarianceType.DIAG, 10, 1e-3, -1, 1, 1, 1, GmmInit.KMEANS_PLUS_PLUS)));
    assertEquals(
        "GmmConfig.nInit must be >= 1, got 0",
        invalid(
            () ->
                new GmmConfig(
                    2, CovarianceType.DIAG, 10, 1e-3, 1e-6, 0, 1, 1, GmmInit.KMEANS_PLUS_PLUS)));
    assertEquals(
        "GmmConfig.threads must be >= 1, got 0",
        invalid(
            () ->
                new GmmConfig(
                    2, CovarianceType.DIAG, 10, 1e-3, 1e-6, 1, 1, 0, GmmInit.KMEANS_PLUS_PLUS)));
  }

  @Test
  void covarianceTypeParsesTheCommandLineSpelling() {
    assertEquals(CovarianceType.FULL, CovarianceType.parse("full"));
    assertEquals(CovarianceType.DIAG, CovarianceType.parse(" DIAG "));
    assertEquals("diag", CovarianceType.DIAG.option());
    assertEquals(
        "covariance type must be 'full' or 'diag', got 'tied'",
        invalid(() -> CovarianceType.parse("tied")));
    assertEquals(
        "covariance type must be 'full' or 'diag', got null",
        invalid(() -> CovarianceType.parse(null)));
  }

  private static String invalid(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
