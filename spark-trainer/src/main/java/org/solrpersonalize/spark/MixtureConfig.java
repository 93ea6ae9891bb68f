package org.solrpersonalize.spark;

import java.util.Objects;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.data.BadInputException;

/**
 * The Gaussian mixture over the item factors: {@code bin/trainer train}'s own {@link
 * ClusteringConfig} (the same flags, defaults and EM), plus the size of the sample the driver fits
 * it on.
 *
 * <p>Example: {@code new MixtureConfig(ClusteringConfig.withComponents(8), 1_000_000)} is {@code
 * --clusters 8 --gmm-sample 1000000}.
 *
 * @param clustering K, covariance, EM starts and stopping, affinity prior: as {@code bin/trainer
 *     train}'s cluster flags set them
 * @param sampleRows the mixture is fitted on a seeded sample of this many item rows when there are
 *     more (densities and affinities still cover every item and user)
 */
public record MixtureConfig(ClusteringConfig clustering, int sampleRows) {

  /**
   * Rows the driver fits EM on at most. One EM iteration over 1M rows of k = 64 with diagonal
   * covariances and K = 16 is about 1G multiply-adds, seconds on one core; a mixture of 16
   * components is well determined long before that.
   */
  public static final int DEFAULT_SAMPLE_ROWS = 1_000_000;

  public MixtureConfig {
    Objects.requireNonNull(clustering, "clustering");
    if (sampleRows < 1) {
      throw new BadInputException("--gmm-sample must be >= 1, got " + sampleRows);
    }
  }

  /** The defaults of {@code bin/trainer train} ({@link ClusteringConfig#DEFAULT}). */
  public static MixtureConfig defaults() {
    return new MixtureConfig(ClusteringConfig.DEFAULT, DEFAULT_SAMPLE_ROWS);
  }

  /** The same settings with another K ({@link ClusteringConfig#AUTO}, 0 for none). */
  public MixtureConfig withClusters(int k) {
    ClusteringConfig c = clustering;
    return new MixtureConfig(
        new ClusteringConfig(
            k,
            c.candidates(),
            c.covariance(),
            c.init(),
            c.nInit(),
            c.regCovar(),
            c.maxIterations(),
            c.tolerance(),
            c.prior()),
        sampleRows);
  }
}
