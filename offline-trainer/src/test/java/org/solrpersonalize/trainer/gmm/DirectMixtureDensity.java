package org.solrpersonalize.trainer.gmm;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The textbook density {@code (2 pi)^(-d/2) |Sigma|^(-1/2) exp(-(x-mu)^T Sigma^-1 (x-mu) / 2)} with
 * the inverse and determinant from EJML's general (LU) routines: an independent reference for the
 * Cholesky kernels.
 */
final class DirectMixtureDensity {
  private final double[] weights;
  private final double[][] means;
  private final DMatrixRMaj[] inverses;
  private final double[] logDeterminants;

  DirectMixtureDensity(GaussianMixtureModel model) {
    this.weights = model.weights();
    this.means = model.means();
    int k = weights.length;
    int d = model.dimension();
    this.inverses = new DMatrixRMaj[k];
    this.logDeterminants = new double[k];
    for (int c = 0; c < k; c++) {
      double[] cov = model.covariances()[c];
      DMatrixRMaj sigma = new DMatrixRMaj(d, d);
      for (int a = 0; a < d; a++) {
        if (model.covarianceType() == CovarianceType.FULL) {
          for (int b = 0; b < d; b++) {
            sigma.set(a, b, cov[a * d + b]);
          }
        } else {
          sigma.set(a, a, cov[a]);
        }
      }
      logDeterminants[c] = Math.log(CommonOps_DDRM.det(sigma));
      DMatrixRMaj inverse = new DMatrixRMaj(d, d);
      if (!CommonOps_DDRM.invert(sigma, inverse)) {
        throw new IllegalStateException("singular covariance " + c);
      }
      inverses[c] = inverse;
    }
  }

  double logDensity(float[] data, int row, int c) {
    int d = means[c].length;
    double quadratic = 0;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        quadratic +=
            (data[row * d + a] - means[c][a])
                * inverses[c].get(a, b)
                * (data[row * d + b] - means[c][b]);
      }
    }
    return -0.5 * d * Math.log(2 * Math.PI) - 0.5 * logDeterminants[c] - 0.5 * quadratic;
  }

  /** {@code log sum_k pi_k N(x | mu_k, Sigma_k)}, summed in linear space (moderate data only). */
  double logLikelihood(float[] data, int row) {
    double p = 0;
    for (int c = 0; c < weights.length; c++) {
      p += weights[c] * Math.exp(logDensity(data, row, c));
    }
    return Math.log(p);
  }

  double responsibility(float[] data, int row, int c) {
    return weights[c] * Math.exp(logDensity(data, row, c) - logLikelihood(data, row));
  }

  double meanLogLikelihood(float[] data, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += logLikelihood(data, i);
    }
    return s / n;
  }
}
