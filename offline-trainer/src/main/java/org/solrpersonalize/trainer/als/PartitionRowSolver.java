package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * The row-solving API the Spark engine shares with the local trainer, for engines that hold one
 * partition of rows at a time: the same {@code ConjugateGradientRowSolver} or {@code
 * CholeskyRowSolver}, and the same per-row seeded start as {@link FactorInit}, so that a row solved
 * on Spark gets the values it would get from {@link ImplicitAlsTrainer}.
 *
 * <p>The solvers themselves stay package-private; this is the one public door to them. One instance
 * per partition and thread.
 */
public final class PartitionRowSolver {
  private final RowSolver solver;

  private PartitionRowSolver(RowSolver solver) {
    this.solver = solver;
  }

  /**
   * @param gram {@code F^T F} of the whole fixed side, k x k row-major
   */
  public static PartitionRowSolver create(ImplicitAlsConfig config, double[] gram) {
    int k = config.factors();
    if (config.solver() == AlsSolver.CG) {
      float[] gramF = new float[gram.length];
      for (int i = 0; i < gram.length; i++) {
        gramF[i] = (float) gram[i];
      }
      return new PartitionRowSolver(
          new ConjugateGradientRowSolver(
              FloatKernels.best(),
              k,
              gramF,
              config.regularization(),
              config.alpha(),
              config.cgSteps()));
    }
    return new PartitionRowSolver(
        new CholeskyRowSolver(k, gram, config.regularization(), config.alpha()));
  }

  /**
   * Overwrites {@code target[row*k .. row*k+k)} with the row's new factors (CG starts from the
   * values there).
   *
   * @param interactions the partition's rows, columns indexing {@code fixed}
   * @param fixed the factors of the other side's rows this partition needs, row-major
   */
  public void solve(int row, CsrMatrix interactions, float[] fixed, float[] target) {
    solver.solve(row, interactions, fixed, target);
  }

  /**
   * The initial factors {@link FactorInit#gaussian} gives global row {@code row} of a side.
   *
   * @param side {@link FactorInit#USER_SIDE} or {@link FactorInit#ITEM_SIDE}
   */
  public static void initialRow(long seed, int side, long row, float[] out, int offset, int k) {
    FactorInit.row(seed, side, row, out, offset, k);
  }
}
