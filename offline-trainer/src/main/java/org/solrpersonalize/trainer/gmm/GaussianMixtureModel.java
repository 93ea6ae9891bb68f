package org.solrpersonalize.trainer.gmm;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.solrpersonalize.trainer.concurrent.RowBlocks;

/**
 * A fitted Gaussian mixture {@code p(x) = sum_k pi_k N(x | mu_k, Sigma_k)}, immutable.
 *
 * <p>Covariances include the {@code regCovar} the model was fitted with. Every method taking data
 * expects row-major floats {@code n x dimension()} and uses all processors; results do not depend
 * on their number. Stored as {@code gmm.json}:
 *
 * <pre>{@code
 * {"covarianceType":"diag","weights":[0.4,0.6],"means":[[0.0,1.0],[2.0,2.5]],
 *  "covariances":[[1.0,0.5],[0.3,0.3]],"lowerBound":-2.71,"iterations":12,"converged":true}
 * }</pre>
 */
public final class GaussianMixtureModel {
  private static final int W = TransposedRows.WIDTH;

  private final MixtureDensity density;
  private final double lowerBound;
  private final int iterations;
  private final boolean converged;

  /**
   * Builds a model from its parameters, e.g. read from another tool.
   *
   * @param covariances per component d*d row-major (full) or d variances (diag)
   * @throws IllegalArgumentException naming the first inconsistent or invalid parameter
   */
  public GaussianMixtureModel(
      CovarianceType covarianceType,
      double[] weights,
      double[][] means,
      double[][] covariances,
      double lowerBound,
      int iterations,
      boolean converged) {
    this(
        MixtureParameterChecks.density(covarianceType, weights, means, covariances),
        lowerBound,
        MixtureParameterChecks.iterations(iterations),
        converged);
  }

  GaussianMixtureModel(
      MixtureDensity density, double lowerBound, int iterations, boolean converged) {
    this.density = density;
    this.lowerBound = lowerBound;
    this.iterations = iterations;
    this.converged = converged;
  }

  public int components() {
    return density.componentCount();
  }

  public int dimension() {
    return density.d();
  }

  public CovarianceType covarianceType() {
    return density.components.type;
  }

  /** Mixture weights {@code pi_k}, summing to 1 (a copy). */
  public double[] weights() {
    return density.weights.clone();
  }

  /** Component means, K x d (a copy). */
  public double[][] means() {
    return deepCopy(density.components.means);
  }

  /** K x d*d row-major (full) or K x d variances (diag), regularisation included (a copy). */
  public double[][] covariances() {
    return deepCopy(density.components.covariances);
  }

  /** Mean log-likelihood of the training rows under this model (NaN if unknown). */
  public double lowerBound() {
    return lowerBound;
  }

  /** M-steps made by the run that produced this model. */
  public int iterations() {
    return iterations;
  }

  /** Whether that run stopped on the tolerance rather than on the iteration cap. */
  public boolean converged() {
    return converged;
  }

  /**
   * Free parameters: {@code K - 1} weights, {@code K d} means and {@code K d (d + 1) / 2} (full) or
   * {@code K d} (diag) covariance entries.
   */
  public long freeParameters() {
    long K = components();
    long d = dimension();
    long covariance = covarianceType() == CovarianceType.FULL ? d * (d + 1) / 2 : d;
    return (K - 1) + K * d + K * covariance;
  }

  /** Writes {@code out[i * K + k] = log N(x_i | mu_k, Sigma_k)} (without the weight). */
  public void logDensities(float[] data, int n, float[] out) {
    perComponent(
        data,
        n,
        out,
        s -> {
          density.components.logDensities(s.block, s.logDensities, s);
          return s.logDensities;
        });
  }

  /** Writes the posterior {@code out[i * K + k] = gamma_ik = p(k | x_i)}. */
  public void responsibilities(float[] data, int n, float[] out) {
    perComponent(
        data,
        n,
        out,
        s -> {
          density.expectation(s);
          return s.responsibilities;
        });
  }

  /** Writes to {@code out[i * K + k]} the per-component values {@code work} leaves for a block. */
  private void perComponent(
      float[] data, int n, float[] out, Function<BlockScratch, double[]> work) {
    requireOutput(n, out);
    int K = components();
    forEachBlock(data, n, s -> copyTransposed(work.apply(s), s.block, K, out));
  }

  /** {@code mean_i log sum_k pi_k N(x_i | mu_k, Sigma_k)}. */
  public double meanLogLikelihood(float[] data, int n) {
    double[] total = new double[1];
    foldBlocks(data, n, density::expectation, sum -> total[0] += sum);
    return total[0] / n;
  }

  /** Bayesian information criterion {@code -2 n meanLogLikelihood + freeParameters log n}. */
  public double bic(float[] data, int n) {
    return bic(meanLogLikelihood(data, n), n, freeParameters());
  }

  static double bic(double meanLogLikelihood, int n, long freeParameters) {
    return -2.0 * n * meanLogLikelihood + freeParameters * Math.log(n);
  }

  /** Writes {@code gmm.json}; see the class comment for the layout. */
  public void writeJson(Path file) {
    GmmJsonFile.write(this, file);
  }

  /**
   * Reads a {@code gmm.json} written by {@link #writeJson}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong in it
   * @throws java.io.UncheckedIOException if the file cannot be read
   */
  public static GaussianMixtureModel readJson(Path file) {
    return GmmJsonFile.read(file);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "GaussianMixtureModel[K=%d, d=%d, %s, lowerBound=%s, iterations=%d, converged=%s]",
        components(),
        dimension(),
        covarianceType().option(),
        lowerBound,
        iterations,
        converged);
  }

  private void requireOutput(int n, float[] out) {
    long expected = (long) n * components();
    if (out == null || out.length != expected) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "out must hold n*K = %d*%d = %d floats, got %s",
              n,
              components(),
              expected,
              out == null ? "null" : String.valueOf(out.length)));
    }
  }

  private void forEachBlock(float[] data, int n, Consumer<BlockScratch> work) {
    foldBlocks(
        data,
        n,
        s -> {
          work.accept(s);
          return Boolean.TRUE;
        },
        done -> {});
  }

  /** Runs {@code work} on each block of rows and hands the results to {@code fold} in order. */
  private <P> void foldBlocks(
      float[] data, int n, Function<BlockScratch, P> work, Consumer<P> fold) {
    TransposedRows.requireValid(data, n, dimension());
    try (RowBlocks chunks = new RowBlocks(Runtime.getRuntime().availableProcessors())) {
      ThreadLocal<BlockScratch> scratch = newScratch();
      chunks.fold(
          n,
          TransposedRows.WIDTH,
          (first, rows) -> {
            BlockScratch s = scratch.get();
            s.block.load(data, first, rows);
            return work.apply(s);
          },
          fold);
    }
  }

  private ThreadLocal<BlockScratch> newScratch() {
    return ThreadLocal.withInitial(() -> new BlockScratch(components(), dimension()));
  }

  private static void copyTransposed(
      double[] byComponent, TransposedRows block, int K, float[] out) {
    for (int t = 0; t < block.rows; t++) {
      int o = (block.first + t) * K;
      for (int c = 0; c < K; c++) {
        out[o + c] = (float) byComponent[c * W + t];
      }
    }
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] copy = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      copy[i] = a[i].clone();
    }
    return copy;
  }
}
