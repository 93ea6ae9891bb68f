package org.solrpersonalize.trainer.gmm;

import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The K Gaussian densities {@code N(x | mu_k, Sigma_k)} with everything a log-density needs
 * precomputed: the lower Cholesky factor {@code L_k} of {@code Sigma_k} (EJML) and the log
 * normaliser {@code -d/2 log(2 pi) - sum_j log L_k[j][j]}. Then {@code log N = normaliser -
 * |z|^2 / 2} with {@code L_k z = x - mu_k}: one forward substitution and one dot product. For a
 * diagonal covariance the factor is just the vector of inverse variances.
 */
final class ComponentDensities {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final int W = RowBlock.WIDTH;

  final CovarianceType type;
  final int k;
  final int d;
  final double[][] means;
  final double[][] covariances;
  /** Full: row-major lower factor. Diag: inverse variances. */
  private final double[][] factor;
  private final double[][] inverseFactorDiagonal;
  private final double[] logNormaliser;

  /**
   * @param covariances per component d*d row-major (full) or d variances (diag), already
   *     regularised
   * @throws IllegalArgumentException if a covariance is not symmetric positive definite
   */
  ComponentDensities(CovarianceType type, double[][] means, double[][] covariances) {
    this.type = type;
    this.k = means.length;
    this.d = means[0].length;
    this.means = means;
    this.covariances = covariances;
    this.factor = new double[k][];
    this.inverseFactorDiagonal = new double[k][];
    this.logNormaliser = new double[k];
    CholeskyDecomposition_F64<DMatrixRMaj> chol =
        type == CovarianceType.FULL ? DecompositionFactory_DDRM.chol(d, true) : null;
    for (int c = 0; c < k; c++) {
      double logDet = type == CovarianceType.FULL ? factorFull(c, chol) : factorDiag(c);
      logNormaliser[c] = -0.5 * d * LOG_2PI - 0.5 * logDet;
    }
  }

  private double factorFull(int c, CholeskyDecomposition_F64<DMatrixRMaj> chol) {
    DMatrixRMaj a = DMatrixRMaj.wrap(d, d, covariances[c].clone());
    if (!chol.decompose(a)) {
      throw notPositiveDefinite(c);
    }
    double[] lower = chol.getT(null).data;
    double[] invDiag = new double[d];
    double logDet = 0;
    for (int j = 0; j < d; j++) {
      double ljj = lower[j * d + j];
      if (!(ljj > 0) || !Double.isFinite(ljj)) {
        throw notPositiveDefinite(c);
      }
      invDiag[j] = 1.0 / ljj;
      logDet += 2 * Math.log(ljj);
    }
    factor[c] = lower;
    inverseFactorDiagonal[c] = invDiag;
    return logDet;
  }

  private double factorDiag(int c) {
    double[] precision = new double[d];
    double logDet = 0;
    for (int j = 0; j < d; j++) {
      double v = covariances[c][j];
      if (!(v > 0) || !Double.isFinite(v)) {
        throw notPositiveDefinite(c);
      }
      precision[j] = 1.0 / v;
      logDet += Math.log(v);
    }
    factor[c] = precision;
    return logDet;
  }

  private static IllegalArgumentException notPositiveDefinite(int c) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "covariance of component %d is not positive definite; increase regCovar",
            c));
  }

  /** Writes {@code log N(x_t | mu_c, Sigma_c)} to {@code out[c * WIDTH + t]} for the block's rows. */
  void logDensities(RowBlock block, double[] out, BlockScratch scratch) {
    for (int c = 0; c < k; c++) {
      double[] q = scratch.quadratic;
      if (type == CovarianceType.FULL) {
        mahalanobisFull(block, c, scratch.solved, scratch.accumulator, q);
      } else {
        mahalanobisDiag(block, c, q);
      }
      double norm = logNormaliser[c];
      int o = c * W;
      for (int t = 0; t < block.rows; t++) {
        out[o + t] = norm - 0.5 * q[t];
      }
    }
  }

  /**
   * {@code q[t] = |z_t|^2} with {@code L z_t = x_t - mu}, by forward substitution over the whole
   * block at once: row m of z is {@code (x_m - mu_m - sum_{j<m} L[m][j] z_j) / L[m][m]}, the sum
   * taken four rows of z at a time so each pass over the block does four multiply-adds.
   */
  private void mahalanobisFull(RowBlock block, int c, double[] z, double[] acc, double[] q) {
    int rows = block.rows;
    double[] x = block.x;
    double[] lower = factor[c];
    double[] invDiag = inverseFactorDiagonal[c];
    double[] mu = means[c];
    java.util.Arrays.fill(q, 0, rows, 0.0);
    for (int m = 0; m < d; m++) {
      int lm = m * d;
      int om = m * W;
      double mum = mu[m];
      for (int t = 0; t < rows; t++) {
        acc[t] = x[om + t] - mum;
      }
      int j = 0;
      for (; j + 3 < m; j += 4) {
        double c0 = lower[lm + j];
        double c1 = lower[lm + j + 1];
        double c2 = lower[lm + j + 2];
        double c3 = lower[lm + j + 3];
        int o0 = j * W;
        int o1 = o0 + W;
        int o2 = o1 + W;
        int o3 = o2 + W;
        for (int t = 0; t < rows; t++) {
          acc[t] -= c0 * z[o0 + t] + c1 * z[o1 + t] + c2 * z[o2 + t] + c3 * z[o3 + t];
        }
      }
      for (; j < m; j++) {
        double cj = lower[lm + j];
        int oj = j * W;
        for (int t = 0; t < rows; t++) {
          acc[t] -= cj * z[oj + t];
        }
      }
      double inv = invDiag[m];
      for (int t = 0; t < rows; t++) {
        double v = acc[t] * inv;
        z[om + t] = v;
        q[t] += v * v;
      }
    }
  }

  private void mahalanobisDiag(RowBlock block, int c, double[] q) {
    int rows = block.rows;
    double[] x = block.x;
    double[] precision = factor[c];
    double[] mu = means[c];
    java.util.Arrays.fill(q, 0, rows, 0.0);
    for (int j = 0; j < d; j++) {
      int oj = j * W;
      double muj = mu[j];
      double pj = precision[j];
      for (int t = 0; t < rows; t++) {
        double v = x[oj + t] - muj;
        q[t] += v * v * pj;
      }
    }
  }
}
