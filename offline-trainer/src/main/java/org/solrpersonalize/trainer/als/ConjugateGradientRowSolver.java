package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * A few conjugate-gradient steps on {@code A x = b}, with {@code A = G + lambda I + sum_i (c_i - 1)
 * y_i y_i^T} and {@code b = sum_i c_i y_i}, warm-started from the row's previous factors (Takacs,
 * Pilaszy, Tikk 2011). {@code A} is never formed: a product {@code A p} costs one k x k product
 * with the shared Gram matrix {@code G = Y^T Y} plus two passes over the row's items, so a step is
 * O(k^2 + n_u k) instead of the O(k^3 + n_u k^2) of a Cholesky solve. No allocation per row (the
 * score buffer grows to the longest row).
 */
final class ConjugateGradientRowSolver implements RowSolver {
  /** Below this squared residual norm the row is solved: more steps would only add rounding. */
  private static final float CONVERGED = 1e-20f;

  private final FloatKernels kernels;
  private final int k;
  private final float[] gram;
  private final float regularization;
  private final float alpha;
  private final int steps;
  private final float[] x;
  private final float[] r;
  private final float[] p;
  private final float[] ap;
  private float[] coef = new float[64];

  /**
   * @param kernels the float loops ({@link FloatKernels#best}); any choice gives the same bits
   * @param gram {@code Y^T Y} of the fixed side, k x k row-major, shared read-only
   */
  ConjugateGradientRowSolver(
      FloatKernels kernels, int k, float[] gram, double regularization, double alpha, int steps) {
    this.kernels = kernels;
    this.k = k;
    this.gram = gram;
    this.regularization = (float) regularization;
    this.alpha = (float) alpha;
    this.steps = steps;
    this.x = new float[k];
    this.r = new float[k];
    this.p = new float[k];
    this.ap = new float[k];
  }

  @Override
  public void solve(int row, CsrMatrix interactions, float[] fixed, float[] target) {
    int base = row * k;
    System.arraycopy(target, base, x, 0, k);
    int start = interactions.rowStart(row);
    int end = interactions.rowEnd(row);
    int[] cols = interactions.cols();
    float[] vals = interactions.vals();

    // r = b - A x
    kernels.symmetricTimes(gram, x, r, k);
    for (int j = 0; j < k; j++) {
      r[j] = -Math.fma(regularization, x[j], r[j]);
    }
    // All scores first, then the updates: the score loop carries no dependency from one item to
    // the next, so the CPU fetches many of the fixed rows (cache misses, the cost at 10M
    // interactions) at once; the updates then find them in cache.
    if (coef.length < end - start) {
      coef = new float[Math.max(end - start, 2 * coef.length)];
    }
    for (int e = start; e < end; e++) {
      float score = kernels.dot(fixed, cols[e] * k, x, 0, k);
      float confidence = 1f + alpha * vals[e];
      coef[e - start] = confidence - (confidence - 1f) * score;
    }
    kernels.addScaledRows(fixed, cols, start, end, coef, r, k);
    System.arraycopy(r, 0, p, 0, k);
    float rsOld = kernels.dot(r, 0, r, 0, k);

    for (int step = 0; step < steps && rsOld > CONVERGED; step++) {
      // ap = A p
      kernels.symmetricTimes(gram, p, ap, k);
      kernels.axpy(regularization, p, 0, ap, 0, k);
      for (int e = start; e < end; e++) {
        coef[e - start] = alpha * vals[e] * kernels.dot(fixed, cols[e] * k, p, 0, k);
      }
      kernels.addScaledRows(fixed, cols, start, end, coef, ap, k);
      float stepSize = rsOld / kernels.dot(p, 0, ap, 0, k);
      kernels.axpy(stepSize, p, 0, x, 0, k);
      kernels.axpy(-stepSize, ap, 0, r, 0, k);
      float rsNew = kernels.dot(r, 0, r, 0, k);
      float beta = rsNew / rsOld;
      for (int j = 0; j < k; j++) {
        p[j] = Math.fma(beta, p[j], r[j]);
      }
      rsOld = rsNew;
    }
    System.arraycopy(x, 0, target, base, k);
  }
}
