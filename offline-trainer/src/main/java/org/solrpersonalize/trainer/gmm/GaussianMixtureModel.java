package org.solrpersonalize.trainer.gmm;

import java.nio.file.Path;

/** A fitted Gaussian mixture (immutable). */
public final class GaussianMixtureModel {
  private final CovarianceType covarianceType;
  private final double[] weights;
  private final double[][] means;
  private final double[][] covariances;
  private final double lowerBound;
  private final int iterations;
  private final boolean converged;

  public GaussianMixtureModel(
      CovarianceType covarianceType,
      double[] weights,
      double[][] means,
      double[][] covariances,
      double lowerBound,
      int iterations,
      boolean converged) {
    this.covarianceType = covarianceType;
    this.weights = weights.clone();
    this.means = means.clone();
    this.covariances = covariances.clone();
    this.lowerBound = lowerBound;
    this.iterations = iterations;
    this.converged = converged;
  }

  public int components() {
    return weights.length;
  }

  public int dimension() {
    return means[0].length;
  }

  public CovarianceType covarianceType() {
    return covarianceType;
  }

  public double[] weights() {
    return weights.clone();
  }

  public double[][] means() {
    return means.clone();
  }

  public double[][] covariances() {
    return covariances.clone();
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

  public void logDensities(float[] data, int n, float[] out) {
    throw new UnsupportedOperationException("not yet");
  }

  public void responsibilities(float[] data, int n, float[] out) {
    throw new UnsupportedOperationException("not yet");
  }

  public double meanLogLikelihood(float[] data, int n) {
    throw new UnsupportedOperationException("not yet");
  }

  public double bic(float[] data, int n) {
    throw new UnsupportedOperationException("not yet");
  }

  public void writeJson(Path file) {
    throw new UnsupportedOperationException("not yet");
  }

  public static GaussianMixtureModel readJson(Path file) {
    throw new UnsupportedOperationException("not yet");
  }
}
