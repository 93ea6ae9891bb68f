package org.solrpersonalize.trainer.als;

import java.util.Locale;
import org.solrpersonalize.math.AlsFoldIn;
import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * The exact row solve, by the same {@link AlsFoldIn} the plugin uses for session fold-in: it
 * gathers the row's factor vectors and weights and factorizes the k x k system. The reference the
 * conjugate-gradient path is tested against.
 */
final class CholeskyRowSolver implements RowSolver {
  private final int k;
  private final AlsFoldIn foldIn;
  private float[] vectors;
  private float[] weights;
  private final float[] out;

  CholeskyRowSolver(int k, double[] gram, double regularization, double alpha) {
    this.k = k;
    this.foldIn = new AlsFoldIn(k, gram, regularization, alpha);
    this.vectors = new float[16 * k];
    this.weights = new float[16];
    this.out = new float[k];
  }

  @Override
  public void solve(int row, CsrMatrix interactions, float[] fixed, float[] target) {
    int start = interactions.rowStart(row);
    int count = interactions.rowLength(row);
    if (weights.length < count) {
      weights = new float[count];
      vectors = new float[count * k];
    }
    for (int e = 0; e < count; e++) {
      int col = interactions.cols()[start + e];
      System.arraycopy(fixed, col * k, vectors, e * k, k);
      weights[e] = interactions.vals()[start + e];
    }
    if (!foldIn.solve(vectors, weights, count, out)) {
      // Cannot happen with regularization > 0; say where if it ever does.
      throw new IllegalStateException(
          String.format(Locale.ROOT, "row %d: ALS system is not positive definite", row));
    }
    System.arraycopy(out, 0, target, row * k, k);
  }
}
