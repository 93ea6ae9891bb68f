package org.solrpersonalize.spark;

import java.util.Arrays;
import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * Pairs collected on the driver in (user, item) order into growing primitive arrays, then one users
 * x items matrix: the holdout's train and test parts, the tuning's sample.
 */
final class PairColumns {
  private int[] users = new int[1024];
  private int[] items = new int[1024];
  private float[] weights = new float[1024];
  private int size;

  void add(int user, int item, float weight) {
    if (size == users.length) {
      int grown = Math.multiplyExact(size, 2);
      users = Arrays.copyOf(users, grown);
      items = Arrays.copyOf(items, grown);
      weights = Arrays.copyOf(weights, grown);
    }
    users[size] = user;
    items[size] = item;
    weights[size++] = weight;
  }

  CsrMatrix toCsr(int rows, int columns) {
    int[] rowPtr = new int[rows + 1];
    for (int p = 0; p < size; p++) {
      rowPtr[users[p] + 1]++;
    }
    for (int r = 0; r < rows; r++) {
      rowPtr[r + 1] += rowPtr[r];
    }
    return new CsrMatrix(
        rows, columns, rowPtr, Arrays.copyOf(items, size), Arrays.copyOf(weights, size));
  }
}
