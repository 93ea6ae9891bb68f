package org.solrpersonalize.trainer.data;

import java.util.Arrays;

/**
 * Turns the buffered interactions into a user x item CSR matrix: a counting sort by user, then a
 * sort by item within each row, where repeated (user, item) pairs are merged by adding their
 * weights and keeping the latest timestamp. Works on primitive arrays only.
 */
final class UserItemMatrixBuilder {

  /**
   * @param matrix users x items, weights summed
   * @param timestamps latest timestamp of each entry of {@code matrix}, aligned with its {@code
   *     cols}; null when the input had none
   * @param duplicatesMerged number of lines merged into an earlier pair
   */
  record Result(CsrMatrix matrix, long[] timestamps, long duplicatesMerged) {}

  private UserItemMatrixBuilder() {}

  /** Entries grouped by user (counting sort), not yet sorted by item within a user. */
  private record ByUser(int[] rowPtr, int[] cols, float[] vals, long[] times, int longestRow) {}

  /** Builds the matrix; {@code buffer} is emptied on the way, to keep the peak memory low. */
  static Result build(InteractionBuffer buffer, int userCount, int itemCount) {
    int n = buffer.size();
    ByUser grouped = groupByUser(buffer, userCount);
    buffer.release();
    int[] rowPtr = grouped.rowPtr();
    int[] cols = grouped.cols();
    float[] vals = grouped.vals();
    long[] times = grouped.times();
    int longestRow = grouped.longestRow();

    // Sort each row by item and merge repeats, compacting in place (write <= read always).
    long[] keys = new long[longestRow];
    float[] rowVals = new float[longestRow];
    long[] rowTimes = times == null ? null : new long[longestRow];
    int write = 0;
    int rowStart = 0;
    for (int u = 0; u < userCount; u++) {
      int rowEnd = rowPtr[u + 1];
      int length = rowEnd - rowStart;
      for (int j = 0; j < length; j++) {
        keys[j] = ((long) cols[rowStart + j] << 32) | j;
        rowVals[j] = vals[rowStart + j];
        if (times != null) {
          rowTimes[j] = times[rowStart + j];
        }
      }
      Arrays.sort(keys, 0, length);
      rowPtr[u] = write;
      int lastItem = -1;
      for (int j = 0; j < length; j++) {
        int item = (int) (keys[j] >>> 32);
        int source = (int) keys[j];
        if (item == lastItem) {
          vals[write - 1] += rowVals[source];
          if (times != null) {
            times[write - 1] = Math.max(times[write - 1], rowTimes[source]);
          }
        } else {
          cols[write] = item;
          vals[write] = rowVals[source];
          if (times != null) {
            times[write] = rowTimes[source];
          }
          write++;
          lastItem = item;
        }
      }
      rowStart = rowEnd;
    }
    rowPtr[userCount] = write;
    CsrMatrix matrix =
        new CsrMatrix(
            userCount, itemCount, rowPtr, Arrays.copyOf(cols, write), Arrays.copyOf(vals, write));
    return new Result(matrix, times == null ? null : Arrays.copyOf(times, write), n - write);
  }

  private static ByUser groupByUser(InteractionBuffer buffer, int userCount) {
    int n = buffer.size();
    int[] users = buffer.users();
    int[] rowPtr = new int[userCount + 1];
    for (int i = 0; i < n; i++) {
      rowPtr[users[i] + 1]++;
    }
    int longestRow = 0;
    for (int u = 0; u < userCount; u++) {
      longestRow = Math.max(longestRow, rowPtr[u + 1]);
      rowPtr[u + 1] += rowPtr[u];
    }
    int[] cols = new int[n];
    float[] vals = new float[n];
    long[] times = buffer.timestamps() == null ? null : new long[n];
    int[] next = Arrays.copyOf(rowPtr, userCount);
    for (int i = 0; i < n; i++) {
      int slot = next[users[i]]++;
      cols[slot] = buffer.items()[i];
      vals[slot] = buffer.weights()[i];
      if (times != null) {
        times[slot] = buffer.timestamps()[i];
      }
    }
    return new ByUser(rowPtr, cols, vals, times, longestRow);
  }
}
