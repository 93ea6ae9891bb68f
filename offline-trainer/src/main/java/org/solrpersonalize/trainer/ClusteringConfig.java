package org.solrpersonalize.trainer;

import java.util.List;
import java.util.Objects;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.gmm.CovarianceType;
import org.solrpersonalize.trainer.gmm.GmmInit;

/**
 * The Gaussian mixture fitted over the item factors (its {@code K} components are the clusters of
 * the plugin's {@code clusterll}).
 *
 * @param components K; {@link #AUTO} picks the K of {@code candidates} with the lowest BIC; 0 fits
 *     no mixture
 * @param candidates the values of K that {@link #AUTO} tries (those above the item count are
 *     skipped)
 * @param covariance of each component; full needs k(k+1)/2 parameters per component and, on
 *     catalogs with few events per item, overfits into extreme log-densities
 * @param init starting centres of each EM run: {@code kmeans} (k-means++ seeds refined by Lloyd's
 *     iterations, the default), {@code kmeans++} or {@code random}; see {@link GmmInit}
 * @param nInit EM restarts; the run with the best lower bound is kept
 * @param regCovar added to every covariance diagonal for stability
 * @param maxIterations EM iterations per run at most
 * @param tolerance EM stops when the mean log-likelihood changes by less
 * @param prior Dirichlet smoothing of user cluster affinities: the global mixture weights count as
 *     this many interactions
 */
public record ClusteringConfig(
    int components,
    List<Integer> candidates,
    CovarianceType covariance,
    String init,
    int nInit,
    double regCovar,
    int maxIterations,
    double tolerance,
    double prior) {

  /** {@link #components} that asks BIC to choose K among the candidates. */
  public static final int AUTO = -1;

  public static final int DEFAULT_COMPONENTS = 16;
  public static final List<Integer> DEFAULT_CANDIDATES = List.of(2, 4, 8, 16, 32);

  /** diag: full covariances overfit on catalogs with few events per item. */
  public static final CovarianceType DEFAULT_COVARIANCE = CovarianceType.DIAG;

  public static final String KMEANS_PLUS_PLUS = "kmeans++";

  /** The default {@code --gmm-init}: see {@link GmmInit#KMEANS}. */
  public static final String DEFAULT_INIT = GmmInit.KMEANS.option();

  /**
   * 2: one EM run is scikit-learn's GaussianMixture exactly (from the same k-means labels the
   * per-iteration lower bounds agree to 1e-12, and Lloyd from the same seeds gives the same
   * labels), so what separates a fit from scikit-learn's default is the luck of one k-means++ draw.
   * On the item factors of a MovieLens model (ml-latest-small, 9,066 x 64, lambda 30, alpha 3, K =
   * 16, seeds 0 to 9, at most 100 iterations) the mean log-likelihood of one run was diag 149.65
   * and full 184.48, of the better of two 152.08 and 186.36; scikit-learn 1.2 (n_init=1) diag
   * 150.08, full 183.17 (random_state 0 to 9). CPU seconds per fit, one thread each: diag 1.2 per
   * run, 2.4 for two, scikit-learn 2.5 (seeds 0 to 3); full 6.1 per run, 11.8 for two, scikit-learn
   * 31.8 (seeds 0 and 1).
   */
  public static final int DEFAULT_N_INIT = 2;

  public static final double DEFAULT_REG_COVAR = 1e-6;

  /**
   * 300: diag EM on the item factors of a MovieLens model (ml-latest-small, 9,066 items, k = 64, K
   * = 16) converged after 109 iterations, so scikit-learn's cap of 100 stopped it unconverged; a
   * run that converges earlier costs nothing more.
   */
  public static final int DEFAULT_MAX_ITERATIONS = 300;

  public static final double DEFAULT_TOLERANCE = 1e-3;
  public static final double DEFAULT_PRIOR = 1.0;

  /** The defaults: 16 diagonal components. */
  public static final ClusteringConfig DEFAULT = withComponents(DEFAULT_COMPONENTS);

  /** No mixture at all: models without clusters. */
  public static final ClusteringConfig NONE = withComponents(0);

  public ClusteringConfig {
    Objects.requireNonNull(covariance, "covariance");
    Objects.requireNonNull(init, "init");
    if (components < AUTO) {
      throw new BadInputException(
          "--clusters must be an integer >= 0 or auto, got '" + components + "'");
    }
    try {
      GmmInit.parse(init);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    if (!(prior >= 0) || Double.isInfinite(prior)) {
      throw new BadInputException("--cluster-prior must be a finite number >= 0, got " + prior);
    }
    if (candidates == null
        || candidates.isEmpty()
        || candidates.stream().anyMatch(k -> k == null || k < 1)) {
      throw new BadInputException("--cluster-candidates must be integers >= 1, got " + candidates);
    }
    candidates = List.copyOf(candidates);
  }

  /** The defaults with another K ({@link #AUTO}, 0 or a positive count). */
  public static ClusteringConfig withComponents(int components) {
    return new ClusteringConfig(
        components,
        DEFAULT_CANDIDATES,
        DEFAULT_COVARIANCE,
        DEFAULT_INIT,
        DEFAULT_N_INIT,
        DEFAULT_REG_COVAR,
        DEFAULT_MAX_ITERATIONS,
        DEFAULT_TOLERANCE,
        DEFAULT_PRIOR);
  }

  /** The parsed {@link #init}. */
  public GmmInit initMethod() {
    return GmmInit.parse(init);
  }

  /** Whether a mixture is fitted at all. */
  public boolean enabled() {
    return components != 0;
  }
}
