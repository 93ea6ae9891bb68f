package org.solrpersonalize.math;

import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Implicit-feedback ALS user solve (Hu, Koren, Volinsky 2008) for one user given fixed item
 * factors: {@code x = (Y^T Y + Y_u^T (C_u - I) Y_u + lambda I)^-1 Y_u^T C_u p_u} with confidence
 * {@code c = 1 + alpha * w} and preference {@code p = 1} for every item the user touched.
 *
 * <p>The trainer uses it as the exact (Cholesky) reference solve; the plugin uses it to fold an
 * anonymous session ({@code items=i1,i2}) into a user vector. One instance per thread: it reuses
 * its work matrices.
 */
public final class AlsFoldIn {
  private final int k;
  private final double[] gram;
  private final double regularization;
  private final double alpha;
  private final DMatrixRMaj a;
  private final DMatrixRMaj b;
  private final DMatrixRMaj x;
  private final LinearSolverDense<DMatrixRMaj> solver;

  /**
   * @param gram {@code Y^T Y} over all items, k x k row-major
   * @param regularization L2 weight lambda (> 0 keeps the system positive definite)
   * @param alpha confidence scale
   */
  public AlsFoldIn(int k, double[] gram, double regularization, double alpha) {
    if (gram.length != k * k) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "gram has %d values, expected k*k = %d", gram.length, k * k));
    }
    if (!(regularization > 0) || !(alpha >= 0)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "need regularization > 0 and alpha >= 0, got %s and %s",
              regularization,
              alpha));
    }
    this.k = k;
    this.gram = gram.clone();
    this.regularization = regularization;
    this.alpha = alpha;
    this.a = new DMatrixRMaj(k, k);
    this.b = new DMatrixRMaj(k, 1);
    this.x = new DMatrixRMaj(k, 1);
    this.solver = LinearSolverFactory_DDRM.symmPosDef(k);
  }

  /** Computes {@code Y^T Y} of row-major item factors (items x k). */
  public static double[] gram(float[] itemFactors, int k) {
    double[] g = new double[k * k];
    int rows = itemFactors.length / k;
    for (int r = 0; r < rows; r++) {
      int base = r * k;
      for (int i = 0; i < k; i++) {
        double yi = itemFactors[base + i];
        if (yi == 0) {
          continue;
        }
        for (int j = i; j < k; j++) {
          g[i * k + j] += yi * itemFactors[base + j];
        }
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        g[i * k + j] = g[j * k + i];
      }
    }
    return g;
  }

  /**
   * Solves for one user.
   *
   * @param itemVectors the factors of the user's items, {@code count} rows of k, row-major
   * @param weights interaction weight of each item (w >= 0)
   * @param count number of items
   * @param out receives the k user factors
   * @return false if the system was not positive definite (out is left untouched)
   */
  public boolean solve(float[] itemVectors, float[] weights, int count, float[] out) {
    System.arraycopy(gram, 0, a.data, 0, k * k);
    for (int i = 0; i < k; i++) {
      a.data[i * k + i] += regularization;
      b.data[i] = 0;
    }
    for (int r = 0; r < count; r++) {
      double confidence = 1.0 + alpha * weights[r];
      int base = r * k;
      for (int i = 0; i < k; i++) {
        double yi = itemVectors[base + i];
        b.data[i] += confidence * yi;
        double scaled = (confidence - 1.0) * yi;
        if (scaled == 0) {
          continue;
        }
        for (int j = 0; j < k; j++) {
          a.data[i * k + j] += scaled * itemVectors[base + j];
        }
      }
    }
    if (!solver.setA(a)) {
      return false;
    }
    solver.solve(b, x);
    for (int i = 0; i < k; i++) {
      out[i] = (float) x.data[i];
    }
    return true;
  }

  public int dimension() {
    return k;
  }
}
