package org.solrpersonalize.trainer.gmm;

import java.util.Locale;

/**
 * Hyperparameters of one EM fit.
 *
 * <p>Example: {@code new GmmConfig(16, CovarianceType.FULL, 100, 1e-3, 1e-6, 1, 42L, 2,
 * GmmInit.KMEANS_PLUS_PLUS)}.
 *
 * @param components number of mixture components K (>= 1)
 * @param covariance full or diagonal covariance per component
 * @param maxIterations EM iterations per restart (>= 1)
 * @param tolerance stop when the mean log-likelihood changes by less than this (>= 0)
 * @param regCovar added to every covariance diagonal so each stays positive definite (>= 0)
 * @param nInit restarts from different k-means++ seeds; the best lower bound wins (>= 1)
 * @param seed seed of every random choice; the same seed gives the same model
 * @param threads worker threads over rows (>= 1); the result does not depend on it
 * @param init how each run finds its starting centres
 */
public record GmmConfig(
    int components,
    CovarianceType covariance,
    int maxIterations,
    double tolerance,
    double regCovar,
    int nInit,
    long seed,
    int threads,
    GmmInit init) {

  public static final int DEFAULT_MAX_ITERATIONS = 100;
  public static final double DEFAULT_TOLERANCE = 1e-3;
  public static final double DEFAULT_REG_COVAR = 1e-6;
  public static final int DEFAULT_N_INIT = 1;
  public static final long DEFAULT_SEED = 42L;

  public GmmConfig {
    require(components >= 1, "components", components, ">= 1");
    if (covariance == null) {
      throw new IllegalArgumentException("covariance must not be null");
    }
    require(maxIterations >= 1, "maxIterations", maxIterations, ">= 1");
    require(tolerance >= 0 && Double.isFinite(tolerance), "tolerance", tolerance, ">= 0");
    require(regCovar >= 0 && Double.isFinite(regCovar), "regCovar", regCovar, ">= 0");
    require(nInit >= 1, "nInit", nInit, ">= 1");
    require(threads >= 1, "threads", threads, ">= 1");
    if (init == null) {
      throw new IllegalArgumentException("init must not be null");
    }
  }

  /** Full covariance, 100 iterations, tolerance 1e-3, regCovar 1e-6, 1 init, seed 42, all cores. */
  public static GmmConfig defaults(int K) {
    return new GmmConfig(
        K,
        CovarianceType.FULL,
        DEFAULT_MAX_ITERATIONS,
        DEFAULT_TOLERANCE,
        DEFAULT_REG_COVAR,
        DEFAULT_N_INIT,
        DEFAULT_SEED,
        Runtime.getRuntime().availableProcessors(),
        GmmInit.KMEANS_PLUS_PLUS);
  }

  /** The same configuration with other starting centres. */
  public GmmConfig withInit(GmmInit other) {
    return new GmmConfig(
        components, covariance, maxIterations, tolerance, regCovar, nInit, seed, threads, other);
  }

  /** The same configuration with another number of components (used by BIC selection). */
  public GmmConfig withComponents(int K) {
    return new GmmConfig(
        K, covariance, maxIterations, tolerance, regCovar, nInit, seed, threads, init);
  }

  private static void require(boolean ok, String name, Object value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "GmmConfig.%s must be %s, got %s", name, rule, value));
    }
  }
}
