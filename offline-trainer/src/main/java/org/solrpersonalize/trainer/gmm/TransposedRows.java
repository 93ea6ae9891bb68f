package org.solrpersonalize.trainer.gmm;

import java.util.Locale;

/**
 * Up to {@link #WIDTH} consecutive rows of the row-major float data, copied to doubles and
 * transposed: {@code x[j * WIDTH + t]} is column j of row {@code first + t}. The kernels then run
 * their inner loops over rows, which the JIT vectorises.
 */
final class TransposedRows {
  /** Rows per block: the block size the EM runs on {@code RowBlocks} and the kernels' width. */
  static final int WIDTH = 256;

  final int d;
  final double[] x;
  int first;
  int rows;

  TransposedRows(int d) {
    this.d = d;
    this.x = new double[d * WIDTH];
  }

  void load(float[] data, int first, int rows) {
    this.first = first;
    this.rows = rows;
    for (int t = 0; t < rows; t++) {
      int base = (first + t) * d;
      for (int j = 0; j < d; j++) {
        x[j * WIDTH + t] = data[base + j];
      }
    }
  }

  /**
   * Checks that {@code data} holds exactly {@code n} rows of {@code d} finite values.
   *
   * @throws IllegalArgumentException naming the first row and column holding NaN or infinity
   */
  static void requireValid(float[] data, int n, int d) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    if (n < 1 || d < 1) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "need n >= 1 rows and d >= 1 columns, got n=%d d=%d", n, d));
    }
    if ((long) n * d != data.length) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "data has %d values, expected n*d = %d*%d = %d",
              data.length,
              n,
              d,
              (long) n * d));
    }
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "data row %d column %d is %s", i / d, i % d, data[i]));
      }
    }
  }
}
