package org.solrpersonalize.trainer.gmm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.math.LogSumExp;

/**
 * A fitted Gaussian mixture. For each component the Cholesky factor of its covariance and its log
 * normalizer are precomputed, so a log-density is one triangular solve and a dot product.
 */
public final class GaussianMixture {
  private final boolean full;
  private final int d;
  private final double[] weights;
  private final double[][] means;
  private final double[][] covariances; // K x d*d (full) or K x d (diag)
  private final double[][] cholesky;    // lower factor (full) or std deviations (diag)
  private final double[] logNormalizer;
  private final double lowerBound;
  private final int iterations;
  private final boolean converged;

  GaussianMixture(boolean full, int d, double[] weights, double[][] means, double[][] covariances,
      double lowerBound, int iterations, boolean converged) {
    this.full = full;
    this.d = d;
    this.weights = weights;
    this.means = means;
    this.covariances = covariances;
    this.lowerBound = lowerBound;
    this.iterations = iterations;
    this.converged = converged;
    int k = weights.length;
    this.cholesky = new double[k][];
    this.logNormalizer = new double[k];
    for (int c = 0; c < k; c++) {
      double logDet = 0;
      if (full) {
        DMatrixRMaj cov = new DMatrixRMaj(d, d, true, covariances[c].clone());
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        if (!chol.decompose(cov)) {
          throw new IllegalStateException("covariance of component " + c + " is not positive definite;"
              + " raise --reg-covar");
        }
        DMatrixRMaj l = chol.getT(null);
        cholesky[c] = l.data.clone();
        for (int i = 0; i < d; i++) {
          logDet += 2 * Math.log(l.get(i, i));
        }
      } else {
        cholesky[c] = new double[d];
        for (int i = 0; i < d; i++) {
          cholesky[c][i] = Math.sqrt(covariances[c][i]);
          logDet += Math.log(covariances[c][i]);
        }
      }
      logNormalizer[c] = -0.5 * (d * Math.log(2 * Math.PI) + logDet);
    }
  }

  GaussianMixture withLowerBound(double bound) {
    return new GaussianMixture(full, d, weights, means, covariances, bound, iterations, converged);
  }

  public int components() {
    return weights.length;
  }

  public int dimension() {
    return d;
  }

  public boolean isFull() {
    return full;
  }

  public double[] weights() {
    return weights.clone();
  }

  public double lowerBound() {
    return lowerBound;
  }

  public int iterations() {
    return iterations;
  }

  public boolean converged() {
    return converged;
  }

  /** {@code log N(x | mu_c, Sigma_c)} for row {@code row} of {@code data} (n x d). */
  public double logDensity(float[] data, int row, int c, double[] work) {
    double[] mu = means[c];
    double[] l = cholesky[c];
    int o = row * d;
    double q = 0;
    if (full) {
      // forward substitution L z = x - mu
      for (int i = 0; i < d; i++) {
        double s = data[o + i] - mu[i];
        int li = i * d;
        for (int j = 0; j < i; j++) {
          s -= l[li + j] * work[j];
        }
        work[i] = s / l[li + i];
        q += work[i] * work[i];
      }
    } else {
      for (int i = 0; i < d; i++) {
        double z = (data[o + i] - mu[i]) / l[i];
        q += z * z;
      }
    }
    return logNormalizer[c] - 0.5 * q;
  }

  /** n x K log-densities {@code l_ik} (without the mixture weights), in double. */
  public double[] logDensityMatrix(float[] data, int n) {
    int k = components();
    double[] out = new double[n * k];
    double[] work = new double[d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        out[i * k + c] = logDensity(data, i, c, work);
      }
    }
    return out;
  }

  /** n x K log-densities {@code l_ik} (without the mixture weights), as stored in a model. */
  public float[] logDensities(float[] data, int n) {
    double[] l = logDensityMatrix(data, n);
    float[] out = new float[l.length];
    for (int i = 0; i < l.length; i++) {
      out[i] = (float) l[i];
    }
    return out;
  }

  /** Fills n x K responsibilities and returns the mean log-likelihood. */
  public double responsibilities(float[] data, int n, double[] out) {
    System.arraycopy(logDensityMatrix(data, n), 0, out, 0, n * components());
    return toResponsibilities(out, n);
  }

  /**
   * Turns n x K log-densities (from {@link #logDensityMatrix}) into responsibilities in place, in
   * log space; returns the mean log-likelihood.
   */
  public double toResponsibilities(double[] logDensities, int n) {
    int k = components();
    double[] logW = new double[k];
    for (int c = 0; c < k; c++) {
      logW[c] = Math.log(weights[c]);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      int row = i * k;
      for (int c = 0; c < k; c++) {
        logDensities[row + c] += logW[c];
      }
      double logSum = LogSumExp.of(logDensities, row, row + k);
      total += logSum;
      for (int c = 0; c < k; c++) {
        logDensities[row + c] = Math.exp(logDensities[row + c] - logSum);
      }
    }
    return total / n;
  }

  public double meanLogLikelihood(float[] data, int n) {
    return responsibilities(data, n, new double[n * components()]);
  }

  /** Bayesian information criterion: {@code -2 n meanLL + p log n}. */
  public double bic(float[] data, int n) {
    int k = components();
    int covParams = full ? d * (d + 1) / 2 : d;
    int p = (k - 1) + k * d + k * covParams;
    return -2.0 * n * meanLogLikelihood(data, n) + p * Math.log(n);
  }

  /** Writes {@code gmm.json}: weights, means, covariances, covariance type. */
  public void writeJson(Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("covarianceType", full ? "full" : "diag");
    json.put("components", components());
    json.put("dimension", d);
    json.put("weights", weights);
    json.put("means", means);
    json.put("covariances", covariances);
    json.put("lowerBound", lowerBound);
    json.put("iterations", iterations);
    json.put("converged", converged);
    ModelDirectory.json().writeValue(file.toFile(), json);
  }
}
