package org.solrpersonalize.trainer.gmm;

/** Adjusted Rand index (Hubert and Arabie 1985) of two labelings: 1 identical, ~0 random. */
final class AdjustedRandIndex {
  private AdjustedRandIndex() {}

  static double of(int[] a, int[] b) {
    int ka = max(a) + 1;
    int kb = max(b) + 1;
    long[][] table = new long[ka][kb];
    long[] rows = new long[ka];
    long[] cols = new long[kb];
    for (int i = 0; i < a.length; i++) {
      table[a[i]][b[i]]++;
      rows[a[i]]++;
      cols[b[i]]++;
    }
    double index = 0;
    for (long[] row : table) {
      for (long v : row) {
        index += pairs(v);
      }
    }
    double sumRows = 0;
    for (long v : rows) {
      sumRows += pairs(v);
    }
    double sumCols = 0;
    for (long v : cols) {
      sumCols += pairs(v);
    }
    double expected = sumRows * sumCols / pairs(a.length);
    double maximum = (sumRows + sumCols) / 2;
    return (index - expected) / (maximum - expected);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }

  private static int max(int[] x) {
    int m = 0;
    for (int v : x) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** Each row's most responsible component from row-major n x K responsibilities. */
  static int[] argmaxRows(float[] responsibilities, int n, int k) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (responsibilities[i * k + c] > responsibilities[i * k + best]) {
          best = c;
        }
      }
      labels[i] = best;
    }
    return labels;
  }
}
