package org.solrpersonalize.trainer.content;

import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Multi-output ridge regression with an unpenalized intercept, solved in the primal: {@code W =
 * (Xc^T Xc + lambda I)^-1 Xc^T Yc} with {@code Xc}, {@code Yc} centered, and {@code y(x) = mean_y +
 * (x - mean_x) W}. The primal is a d x d system whatever the number of items (d is capped by
 * feature hashing), where the dual would be items x items: 9,066 MovieLens movies make an 8 times
 * larger system than 2,048 hashed features, and a catalog of 100k items an impossible one. The
 * centered Gram matrix comes from the sparse rows without densifying X: {@code Xc^T Xc = X^T X - n
 * mean_x mean_x^T}, and {@code Xc^T Yc = X^T Yc}.
 */
final class RidgeRegression {
  private final int d;
  private final int k;
  private final double[] gram; // d x d, centered
  private final double[] xty; // d x k, X^T Yc
  private final double[] meanX;
  private final double[] meanY;

  /**
   * The normal equations of {@code rows} with targets {@code targets[row * k ..]}.
   *
   * @param d the feature dimension
   */
  RidgeRegression(List<ContentFeatures.SparseRow> rows, float[] targets, int d, int k) {
    this.d = d;
    this.k = k;
    int n = rows.size();
    meanX = new double[d];
    meanY = new double[k];
    for (int r = 0; r < n; r++) {
      ContentFeatures.SparseRow row = rows.get(r);
      for (int a = 0; a < row.indices().length; a++) {
        meanX[row.indices()[a]] += row.values()[a] / n;
      }
      for (int j = 0; j < k; j++) {
        meanY[j] += (double) targets[r * k + j] / n;
      }
    }
    gram = new double[d * d];
    xty = new double[d * k];
    for (int r = 0; r < n; r++) {
      ContentFeatures.SparseRow row = rows.get(r);
      int[] idx = row.indices();
      double[] val = row.values();
      for (int a = 0; a < idx.length; a++) {
        for (int b = 0; b < idx.length; b++) {
          gram[idx[a] * d + idx[b]] += val[a] * val[b];
        }
        for (int j = 0; j < k; j++) {
          xty[idx[a] * k + j] += val[a] * (targets[r * k + j] - meanY[j]);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        gram[a * d + b] -= n * meanX[a] * meanX[b];
      }
    }
  }

  /** The map for one lambda (> 0), by a Cholesky solve. */
  LinearMap solve(double lambda) {
    DMatrixRMaj a = new DMatrixRMaj(d, d);
    System.arraycopy(gram, 0, a.data, 0, gram.length);
    for (int i = 0; i < d; i++) {
      a.data[i * d + i] += lambda;
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(d);
    if (!solver.setA(a)) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "ridge normal equations with lambda %s are not positive definite",
              lambda));
    }
    DMatrixRMaj b = new DMatrixRMaj(d, k);
    System.arraycopy(xty, 0, b.data, 0, xty.length);
    DMatrixRMaj w = new DMatrixRMaj(d, k);
    solver.solve(b, w);
    double[] offset = meanY.clone();
    for (int f = 0; f < d; f++) {
      if (meanX[f] != 0) {
        for (int j = 0; j < k; j++) {
          offset[j] -= meanX[f] * w.data[f * k + j];
        }
      }
    }
    return new LinearMap(w.data, offset, k);
  }

  /**
   * {@code y(x) = offset + x W}: the intercept folded into one offset.
   *
   * @param weights d x k row-major
   */
  record LinearMap(double[] weights, double[] offset, int k) {
    /** Writes the prediction for {@code row} into {@code out[from .. from + k)}. */
    void predict(ContentFeatures.SparseRow row, float[] out, int from) {
      for (int j = 0; j < k; j++) {
        double sum = offset[j];
        for (int a = 0; a < row.indices().length; a++) {
          sum += row.values()[a] * weights[row.indices()[a] * k + j];
        }
        out[from + j] = (float) sum;
      }
    }
  }
}
