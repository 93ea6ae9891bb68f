package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * Solves the implicit-ALS least-squares problem of one row (a user against fixed item factors, or
 * an item against fixed user factors). One instance per thread: it owns its work arrays.
 */
interface RowSolver {
  /**
   * Overwrites {@code target[row*k .. row*k+k)} with the row's new factors; an iterative solver
   * starts from the values already there.
   *
   * @param interactions rows to solve, columns indexing {@code fixed}
   * @param fixed the other side's factors, row-major
   */
  void solve(int row, CsrMatrix interactions, float[] fixed, float[] target);
}
