package org.solrpersonalize.spark;

import java.util.List;
import java.util.Locale;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.gmm.CovarianceType;

/**
 * The Gaussian mixture over the item factors, as {@code bin/trainer train}'s cluster flags set it.
 *
 * @param clusters K; {@link #AUTO} picks the candidate with the lowest BIC; 0 fits no mixture
 * @param candidates values of K tried by {@link #AUTO}
 * @param covariance full or diagonal covariance per component
 * @param nInit EM restarts, the best lower bound wins
 * @param regCovar added to every covariance diagonal
 * @param maxIterations EM iterations per run at most
 * @param tolerance EM stops when the mean log-likelihood changes by less
 * @param prior Dirichlet smoothing of user affinities: the global weights count as this many
 *     interactions
 * @param sampleRows the mixture is fitted on a seeded sample of this many item rows when there are
 *     more (densities and affinities still cover every item and user)
 */
public record MixtureConfig(
    int clusters,
    List<Integer> candidates,
    CovarianceType covariance,
    int nInit,
    double regCovar,
    int maxIterations,
    double tolerance,
    double prior,
    int sampleRows) {

  /** {@code --clusters auto}. */
  public static final int AUTO = -1;

  /**
   * Rows the driver fits EM on at most. One EM iteration over 1M rows of k = 64 with diagonal
   * covariances and K = 16 is about 1G multiply-adds, seconds on one core; a mixture of 16
   * components is well determined long before that.
   */
  public static final int DEFAULT_SAMPLE_ROWS = 1_000_000;

  public MixtureConfig {
    candidates = List.copyOf(candidates);
    if (clusters < AUTO) {
      throw new BadInputException("--clusters must be an integer >= 0 or auto, got " + clusters);
    }
    if (covariance == null) {
      throw new BadInputException("--covariance must be 'full' or 'diag'");
    }
    if (candidates.isEmpty() || candidates.stream().anyMatch(k -> k < 1)) {
      throw new BadInputException("--cluster-candidates must be integers >= 1, got " + candidates);
    }
    if (!(prior >= 0) || Double.isInfinite(prior)) {
      throw new BadInputException("--cluster-prior must be a finite number >= 0, got " + prior);
    }
    if (sampleRows < 1) {
      throw new BadInputException("--gmm-sample must be >= 1, got " + sampleRows);
    }
    if (nInit < 1 || maxIterations < 1 || !(tolerance >= 0) || !(regCovar >= 0)) {
      throw new BadInputException(
          String.format(
              Locale.ROOT,
              "need --n-init >= 1, --max-iterations >= 1, --tolerance >= 0 and --reg-covar >= 0,"
                  + " got %d, %d, %s and %s",
              nInit,
              maxIterations,
              tolerance,
              regCovar));
    }
  }

  /**
   * The same settings as the local trainer's clustering options, with k-means++ starts (the Spark
   * engine's EM has always used them): what {@link org.solrpersonalize.trainer.MixtureStep} fits
   * and writes to the manifest.
   */
  public ClusteringConfig clustering() {
    return new ClusteringConfig(
        clusters,
        candidates,
        covariance,
        ClusteringConfig.KMEANS_PLUS_PLUS,
        nInit,
        regCovar,
        maxIterations,
        tolerance,
        prior);
  }

  /** The defaults of {@code bin/trainer train}: 16 diagonal components, prior 1. */
  public static MixtureConfig defaults() {
    return new MixtureConfig(
        16,
        List.of(2, 4, 8, 16, 32),
        CovarianceType.DIAG,
        1,
        1e-6,
        100,
        1e-3,
        1.0,
        DEFAULT_SAMPLE_ROWS);
  }

  /** The same settings with another K. */
  public MixtureConfig withClusters(int k) {
    return new MixtureConfig(
        k, candidates, covariance, nInit, regCovar, maxIterations, tolerance, prior, sampleRows);
  }
}
