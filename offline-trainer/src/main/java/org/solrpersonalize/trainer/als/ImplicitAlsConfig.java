package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.BadInputException;

/**
 * Hyperparameters of implicit ALS (Hu, Koren, Volinsky 2008).
 *
 * @param factors latent dimension k
 * @param iterations full alternations (users, then items)
 * @param regularization L2 weight lambda on every factor vector; must be > 0 so that each row's
 *     system is positive definite
 * @param alpha confidence scale: an interaction of weight w has confidence {@code 1 + alpha * w}
 * @param solver {@link AlsSolver#CG} (fast) or {@link AlsSolver#CHOLESKY} (exact)
 * @param cgSteps conjugate-gradient steps per row and half-iteration (warm-started, so 3 is plenty
 *     after the first iterations)
 * @param seed seeds the initial factors, row by row
 * @param threads worker threads; results do not depend on it
 */
public record ImplicitAlsConfig(
    int factors,
    int iterations,
    double regularization,
    double alpha,
    AlsSolver solver,
    int cgSteps,
    long seed,
    int threads) {

  public static final int DEFAULT_FACTORS = 64;
  public static final int DEFAULT_ITERATIONS = 15;

  /**
   * Chosen by measurement (the launcher module's {@code HyperparameterSweep}, k = 64, 15
   * iterations, NDCG@10 on a 20% random holdout of planted-segment data, as of commit deb9f37,
   * before the holdout's and the synthetic log's random streams were parted from the factors').
   * lambda = 100 with alpha = 5 was best or close to best on all three data sets: 0.217 (best
   * 0.217) on 200k events / 16 segments, 0.165 (best 0.167) on 400k / 64 segments, 0.118 (best
   * 0.140) on 1M / 16 segments, against 0.075, 0.079 and 0.051 for popularity. On the demo
   * generator's shop ({@code bin/trainer generate}: 2,000 users, 20,000 products, 36k events) it
   * was the best of lambda {0.1, 1, 10, 100} x alpha {1, 5, 20}: 0.146 against 0.042 for
   * popularity. lambda <= 1 lost 30-40%; lambda = 100 with alpha = 1, or lambda >= 300 with alpha
   * <= 2, fell to the popularity baseline. Since {@code train} tunes lambda and alpha when they are
   * auto, this is only the value of logs too large to tune (see {@code tuning.TuningConfig}) and of
   * library calls without tuning: on MovieLens ml-latest-small it scored NDCG@10 0.254 where tuning
   * reached 0.338.
   */
  public static final double DEFAULT_REGULARIZATION = 100.0;

  /** Chosen with {@link #DEFAULT_REGULARIZATION}, by the same measurement. */
  public static final double DEFAULT_ALPHA = 5.0;

  public static final int DEFAULT_CG_STEPS = 3;

  public ImplicitAlsConfig {
    FactorizationChecks.check(factors, iterations, regularization, threads);
    if (!(alpha >= 0) || Double.isInfinite(alpha)) {
      throw new BadInputException("alpha must be a finite number >= 0, got " + alpha);
    }
    if (solver == null) {
      throw new BadInputException("solver must be given");
    }
    if (cgSteps < 1) {
      throw new BadInputException("cg steps must be >= 1, got " + cgSteps);
    }
  }

  /** The defaults with the given seed and thread count. */
  public static ImplicitAlsConfig defaults(long seed, int threads) {
    return new ImplicitAlsConfig(
        DEFAULT_FACTORS,
        DEFAULT_ITERATIONS,
        DEFAULT_REGULARIZATION,
        DEFAULT_ALPHA,
        AlsSolver.CG,
        DEFAULT_CG_STEPS,
        seed,
        threads);
  }

  public ImplicitAlsConfig withSolver(AlsSolver other) {
    return new ImplicitAlsConfig(
        factors, iterations, regularization, alpha, other, cgSteps, seed, threads);
  }

  public ImplicitAlsConfig withThreads(int other) {
    return new ImplicitAlsConfig(
        factors, iterations, regularization, alpha, solver, cgSteps, seed, other);
  }
}
