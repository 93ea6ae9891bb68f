package org.solrpersonalize.trainer.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * A sparse matrix in compressed sparse row form: the entries of row {@code r} are at positions
 * {@code rowPtr[r] .. rowPtr[r+1]-1} of {@code cols} and {@code vals}, with strictly increasing
 * column indices. Immutable by convention: the accessors return the backing arrays for speed, and
 * callers must not write into them. As for any record of arrays, {@code equals} compares the arrays
 * by identity, not by content: tests compare {@link #toDense()} or the arrays themselves.
 *
 * <p>Example: the 2 x 3 matrix {@code [[0, 2, 0], [1, 0, 3]]} is {@code rowPtr = {0, 1, 3}}, {@code
 * cols = {1, 0, 2}}, {@code vals = {2, 1, 3}}.
 *
 * @param rows the number of rows
 * @param columns the number of columns; every column index is below it
 * @param rowPtr {@code rows + 1} offsets into {@code cols} and {@code vals}, from 0 to the nnz
 * @param cols the column index of each entry, row by row
 * @param vals the value of each entry, row by row
 */
public record CsrMatrix(int rows, int columns, int[] rowPtr, int[] cols, float[] vals) {
  public CsrMatrix {
    if (rowPtr.length != rows + 1 || rowPtr[0] != 0 || rowPtr[rows] != cols.length) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "rowPtr must have rows+1 = %d entries from 0 to nnz = %d",
              rows + 1,
              cols.length));
    }
    if (cols.length != vals.length) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "cols has %d entries, vals %d", cols.length, vals.length));
    }
    for (int r = 0; r < rows; r++) {
      int prev = -1;
      for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
        if (cols[p] <= prev || cols[p] >= columns) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "row %d: column indices must increase within [0, %d), got %d after %d",
                  r,
                  columns,
                  cols[p],
                  prev));
        }
        prev = cols[p];
      }
    }
  }

  /** The number of entries stored. */
  public int nnz() {
    return cols.length;
  }

  public int rowStart(int row) {
    return rowPtr[row];
  }

  public int rowEnd(int row) {
    return rowPtr[row + 1];
  }

  public int rowLength(int row) {
    return rowPtr[row + 1] - rowPtr[row];
  }

  /** The value at (row, col), or 0 when absent; a binary search in the row. */
  public float get(int row, int col) {
    int p = Arrays.binarySearch(cols, rowPtr[row], rowPtr[row + 1], col);
    return p >= 0 ? vals[p] : 0f;
  }

  /** The transpose, built by a counting sort over columns (so its rows come out sorted). */
  public CsrMatrix transpose() {
    int[] tPtr = new int[columns + 1];
    for (int c : cols) {
      tPtr[c + 1]++;
    }
    for (int c = 0; c < columns; c++) {
      tPtr[c + 1] += tPtr[c];
    }
    int[] next = Arrays.copyOf(tPtr, columns);
    int[] tCols = new int[cols.length];
    float[] tVals = new float[cols.length];
    for (int r = 0; r < rows; r++) {
      for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
        int slot = next[cols[p]]++;
        tCols[slot] = r;
        tVals[slot] = vals[p];
      }
    }
    return new CsrMatrix(columns, rows, tPtr, tCols, tVals);
  }

  /**
   * Its shape, e.g. {@code 2 x 3, 3 entries}: the record's default would print array identities.
   */
  @Override
  public String toString() {
    return rows + " x " + columns + ", " + nnz() + " entries";
  }

  /** Dense row-major copy, for tests and small matrices. */
  public float[] toDense() {
    float[] dense = new float[Math.multiplyExact(rows, columns)];
    for (int r = 0; r < rows; r++) {
      for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
        dense[r * columns + cols[p]] = vals[p];
      }
    }
    return dense;
  }
}
