package org.solrpersonalize.trainer.als;

import java.util.Arrays;
import java.util.List;
import org.solrpersonalize.trainer.concurrent.RowBlocks;

/**
 * {@code F^T F} of row-major factors, in double precision, computed over fixed blocks of rows in
 * parallel and summed in block order (so it does not depend on the thread count). Gives the same
 * matrix as {@code AlsFoldIn.gram}, which is the single-threaded version the plugin needs.
 */
public final class GramMatrix {
  private static final int BLOCK = 2048;

  private GramMatrix() {}

  /**
   * @return k x k row-major, symmetric
   */
  public static double[] compute(float[] factors, int k, RowBlocks blocks) {
    int rows = factors.length / k;
    int blockCount = (rows + BLOCK - 1) / BLOCK;
    double[][] partial = new double[blockCount][];
    blocks.run(
        rows,
        BLOCK,
        () -> null,
        (from, to, unused) -> {
          double[] g = new double[k * k];
          addUpperProducts(factors, from, to, k, g);
          partial[from / BLOCK] = g;
          return 0;
        });
    return symmetricSum(Arrays.asList(partial), k);
  }

  /**
   * Adds the upper triangle of {@code F^T F} over rows {@code [from, to)} of row-major factors to
   * {@code g} (k x k row-major): the kernel both engines sum their blocks or partitions with. Each
   * element gets its rows' products added in row order (a float times a float is exact in double),
   * so the result is the same on the Vector API and without it. Elements below the diagonal may get
   * partial sums too: {@link #symmetricSum} overwrites them.
   */
  public static void addUpperProducts(float[] factors, int from, int to, int k, double[] g) {
    FloatKernels.best().addUpperProducts(factors, from, to, k, g);
  }

  /**
   * Sums upper-triangle partials in their list order (so the result does not depend on who computed
   * them) and mirrors the upper triangle into the lower one.
   *
   * @return k x k row-major, symmetric
   */
  public static double[] symmetricSum(List<double[]> partials, int k) {
    double[] gram = new double[k * k];
    for (double[] g : partials) {
      for (int i = 0; i < gram.length; i++) {
        gram[i] += g[i];
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        gram[i * k + j] = gram[j * k + i];
      }
    }
    return gram;
  }

  /** Sum of the elementwise products of two k x k matrices: {@code trace(A B)} when symmetric. */
  public static double frobeniusProduct(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  public static double trace(double[] g, int k) {
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += g[i * k + i];
    }
    return sum;
  }
}
