package org.solrpersonalize.trainer.gmm;

import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The K Gaussian densities {@code N(x | mu_k, Sigma_k)} with everything a log-density needs
 * precomputed: the lower Cholesky factor {@code L_k} of {@code Sigma_k} (EJML) and the log
 * normaliser {@code -d/2 log(2 pi) - sum_j log L_k[j][j]}. Then {@code log N = normaliser - |z|^2 /
 * 2} with {@code L_k z = x - mu_k}: one forward substitution and one dot product. For a diagonal
 * covariance the factor is just the vector of inverse variances.
 */
final class ComponentDensities {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final int W = TransposedRows.WIDTH;

  final CovarianceType type;
  final int K;
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
    this.K = means.length;
    this.d = means[0].length;
    this.means = means;
    this.covariances = covariances;
    this.factor = new double[K][];
    this.inverseFactorDiagonal = new double[K][];
    this.logNormaliser = new double[K];
    CholeskyDecomposition_F64<DMatrixRMaj> chol =
        type == CovarianceType.FULL ? DecompositionFactory_DDRM.chol(d, true) : null;
    for (int c = 0; c < K; c++) {
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

  /** Writes {@code log N(x_t | mu_c, Sigma_c)} to {@code out[c * WIDTH + t]} for each block row. */
  void logDensities(TransposedRows block, double[] out, BlockScratch scratch) {
    for (int c = 0; c < K; c++) {
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
   * block at once, four rows of z at a time: first subtract {@code L[m][j] z_j} for every solved
   * row j, in 4 x 4 tiles of L (each pass over the block then does sixteen multiply-adds per row,
   * which the JIT vectorises over t), then solve the 4 x 4 diagonal block.
   */
  private void mahalanobisFull(TransposedRows block, int c, double[] z, double[] acc, double[] q) {
    int rows = block.rows;
    double[] x = block.x;
    double[] mu = means[c];
    java.util.Arrays.fill(q, 0, rows, 0.0);
    int m = 0;
    for (; m + 3 < d; m += 4) {
      for (int r = 0; r < 4; r++) {
        double mur = mu[m + r];
        int o = (m + r) * W;
        int a = r * W;
        for (int t = 0; t < rows; t++) {
          acc[a + t] = x[o + t] - mur;
        }
      }
      for (int j = 0; j < m; j += 4) {
        // acc_r -= sum_s L[m+r][j+s] z_{j+s}
        new Tile4x4(factor[c], m * d + j, d, 1, -1.0).multiplyAdd(z, j * W, W, acc, 0, W, 0, rows);
      }
      solveDiagonalTile(factor[c], inverseFactorDiagonal[c], m, z, acc, q, rows);
    }
    for (; m < d; m++) {
      solveSingleRow(factor[c], inverseFactorDiagonal[c], mu[m], m, x, z, acc, q, rows);
    }
  }

  /** Rows m..m+3 of z from their accumulated right-hand sides; adds their squares to q. */
  private void solveDiagonalTile(
      double[] lower, double[] invDiag, int m, double[] z, double[] acc, double[] q, int rows) {
    int l1 = (m + 1) * d + m;
    int l2 = l1 + d;
    int l3 = l2 + d;
    double b10 = lower[l1];
    double b20 = lower[l2];
    double b21 = lower[l2 + 1];
    double b30 = lower[l3];
    double b31 = lower[l3 + 1];
    double b32 = lower[l3 + 2];
    double i0 = invDiag[m];
    double i1 = invDiag[m + 1];
    double i2 = invDiag[m + 2];
    double i3 = invDiag[m + 3];
    int o = m * W;
    for (int t = 0; t < rows; t++) {
      double v0 = acc[t] * i0;
      double v1 = (acc[W + t] - b10 * v0) * i1;
      double v2 = (acc[2 * W + t] - b20 * v0 - b21 * v1) * i2;
      double v3 = (acc[3 * W + t] - b30 * v0 - b31 * v1 - b32 * v2) * i3;
      z[o + t] = v0;
      z[o + W + t] = v1;
      z[o + 2 * W + t] = v2;
      z[o + 3 * W + t] = v3;
      q[t] += v0 * v0 + v1 * v1 + v2 * v2 + v3 * v3;
    }
  }

  /** Row m of z when fewer than four rows remain (d not a multiple of 4). */
  private void solveSingleRow(
      double[] lower,
      double[] invDiag,
      double mum,
      int m,
      double[] x,
      double[] z,
      double[] acc,
      double[] q,
      int rows) {
    int om = m * W;
    for (int t = 0; t < rows; t++) {
      acc[t] = x[om + t] - mum;
    }
    int lm = m * d;
    for (int j = 0; j < m; j++) {
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

  private void mahalanobisDiag(TransposedRows block, int c, double[] q) {
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
