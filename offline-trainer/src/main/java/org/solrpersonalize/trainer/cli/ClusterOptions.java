package org.solrpersonalize.trainer.cli;

import java.util.List;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.LowerCaseChoice;
import org.solrpersonalize.trainer.gmm.CovarianceType;
import picocli.CommandLine.Option;

/**
 * Flags of the Gaussian mixture over item factors ({@code train} of both engines): K components.
 */
public final class ClusterOptions {
  @Option(
      names = "--clusters",
      paramLabel = "K|auto",
      defaultValue = "16",
      description =
          "Mixture components; auto picks the K of --cluster-candidates with the lowest BIC;"
              + " 0 fits no mixture. Default: ${DEFAULT-VALUE}.")
  String clusters;

  @Option(
      names = "--cluster-candidates",
      paramLabel = "K,K,...",
      split = ",",
      defaultValue = "2,4,8,16,32",
      description = "Values of K tried by --clusters auto. Default: ${DEFAULT-VALUE}.")
  List<Integer> candidates;

  @Option(
      names = "--covariance",
      paramLabel = "full|diag",
      defaultValue = "diag",
      description =
          "Covariance of each component. full needs k(k+1)/2 parameters per component and, on"
              + " catalogs with few events per item, overfits into extreme log-densities."
              + " Default: ${DEFAULT-VALUE}.")
  String covariance;

  @Option(
      names = "--gmm-init",
      paramLabel = "kmeans|kmeans++|random",
      defaultValue = "kmeans",
      description =
          "Starting centres of each EM run: kmeans (k-means++ seeds, then Lloyd's iterations to"
              + " convergence, as scikit-learn), kmeans++ (the seeds only) or random rows."
              + " Default: ${DEFAULT-VALUE}.")
  String init;

  @Option(
      names = {"--gmm-n-init", "--n-init"},
      paramLabel = "N",
      defaultValue = "" + ClusteringConfig.DEFAULT_N_INIT,
      description =
          "EM runs from different k-means seeds (scikit-learn's n_init); the run with the best"
              + " lower bound is kept. Default: ${DEFAULT-VALUE}.")
  int nInit;

  @Option(
      names = "--reg-covar",
      paramLabel = "R",
      defaultValue = "1e-6",
      description = "Added to every covariance diagonal for stability. Default: ${DEFAULT-VALUE}.")
  double regCovar;

  @Option(
      names = "--max-iterations",
      paramLabel = "N",
      defaultValue = "" + ClusteringConfig.DEFAULT_MAX_ITERATIONS,
      description = "EM iterations per run at most. Default: ${DEFAULT-VALUE}.")
  int maxIterations;

  @Option(
      names = "--tolerance",
      paramLabel = "T",
      defaultValue = "1e-3",
      description =
          "EM stops when the mean log-likelihood changes by less. Default: ${DEFAULT-VALUE}.")
  double tolerance;

  @Option(
      names = "--cluster-prior",
      paramLabel = "P",
      defaultValue = "1.0",
      description =
          "Dirichlet smoothing of user cluster affinities: the global mixture weights count as P"
              + " interactions. Default: ${DEFAULT-VALUE}.")
  double prior;

  /** The mixture's part of the training config, checked as it is built. */
  public ClusteringConfig toConfig() {
    return new ClusteringConfig(
        components(),
        candidates,
        covarianceType(),
        init,
        nInit,
        regCovar,
        maxIterations,
        tolerance,
        prior);
  }

  /** The fixed K, or {@link ClusteringConfig#AUTO}. */
  private int components() {
    String text = clusters.trim();
    if ("auto".equals(text)) {
      return ClusteringConfig.AUTO;
    }
    try {
      int components = Integer.parseInt(text);
      if (components < 0) {
        throw new NumberFormatException();
      }
      return components;
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "--clusters must be an integer >= 0 or auto, got '" + clusters + "'");
    }
  }

  private CovarianceType covarianceType() {
    return LowerCaseChoice.parse(CovarianceType.class, "--covariance", covariance);
  }
}
