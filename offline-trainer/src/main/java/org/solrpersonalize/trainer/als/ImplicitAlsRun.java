package org.solrpersonalize.trainer.als;

import java.util.function.Supplier;
import org.solrpersonalize.trainer.concurrent.RowBlocks;
import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * Implicit ALS that can be advanced a few iterations at a time, so that a hyperparameter search can
 * score a fit early and continue only the promising ones (see {@code tuning.HyperparameterSearch}).
 * {@link ImplicitAlsTrainer#fit} is one run advanced to the configured iteration count. Owns its
 * worker threads until closed.
 *
 * <pre>{@code
 * try (ImplicitAlsRun run = new ImplicitAlsRun(config, userItems, itemUsers)) {
 *   run.advanceTo(5, AlsIterationListener.NONE);
 *   double early = score(run.model());
 *   run.advanceTo(config.iterations(), AlsIterationListener.NONE);
 * }
 * }</pre>
 */
public final class ImplicitAlsRun implements AutoCloseable {
  /** Rows per block: small enough to balance two threads, large enough to amortize a claim. */
  private static final int BLOCK = 128;

  private final ImplicitAlsConfig config;
  private final CsrMatrix userItems;
  private final CsrMatrix itemUsers;
  private final float[] userFactors;
  private final float[] itemFactors;
  private final RowBlocks blocks;
  private final FloatKernels kernels;
  private final long start = System.nanoTime();
  private double[] itemGram;
  private int iterationsDone;

  /**
   * Seeds the initial factors (per row, so any thread count gives the same run).
   *
   * @param userItems users x items weights
   * @param itemUsers its transpose
   */
  public ImplicitAlsRun(ImplicitAlsConfig config, CsrMatrix userItems, CsrMatrix itemUsers) {
    this(config, userItems, itemUsers, FloatKernels.best());
  }

  /** With the given CG kernels: tests compare the Vector API and scalar runs bit for bit. */
  ImplicitAlsRun(
      ImplicitAlsConfig config, CsrMatrix userItems, CsrMatrix itemUsers, FloatKernels kernels) {
    if (itemUsers.rows() != userItems.columns() || itemUsers.columns() != userItems.rows()) {
      throw new IllegalArgumentException("itemUsers must be the transpose of userItems");
    }
    this.config = config;
    this.kernels = kernels;
    this.userItems = userItems;
    this.itemUsers = itemUsers;
    int k = config.factors();
    this.userFactors =
        FactorInit.gaussian(userItems.rows(), k, config.seed(), FactorInit.USER_SIDE);
    this.itemFactors =
        FactorInit.gaussian(itemUsers.rows(), k, config.seed(), FactorInit.ITEM_SIDE);
    this.blocks = new RowBlocks(config.threads());
    this.itemGram = GramMatrix.compute(itemFactors, k, blocks);
  }

  /** Full alternations made so far. */
  public int iterationsDone() {
    return iterationsDone;
  }

  /**
   * Iterates until {@code iterations} alternations are done in all (nothing when they already are).
   */
  public void advanceTo(int iterations, AlsIterationListener listener) {
    int k = config.factors();
    while (iterationsDone < iterations) {
      solveSide(userItems, itemFactors, itemGram, userFactors, false);
      double[] userGram = GramMatrix.compute(userFactors, k, blocks);
      double corrections = solveSide(itemUsers, userFactors, userGram, itemFactors, true);
      itemGram = GramMatrix.compute(itemFactors, k, blocks);
      double loss =
          ImplicitAlsLoss.total(userGram, itemGram, corrections, k, config.regularization());
      iterationsDone++;
      listener.onIteration(iterationsDone, (System.nanoTime() - start) / 1_000_000, loss);
    }
  }

  /** The factors as they are now (shared with the run: advancing changes them). */
  public ImplicitAlsModel model() {
    return new ImplicitAlsModel(
        config.factors(),
        userItems.rows(),
        itemUsers.rows(),
        userFactors,
        itemFactors,
        config.regularization(),
        config.alpha());
  }

  @Override
  public void close() {
    blocks.close();
  }

  /**
   * Solves every row of {@code interactions} into {@code target}, given {@code fixed} and its Gram
   * matrix.
   *
   * @param withLoss also sum the loss corrections of the solved rows ({@link ImplicitAlsLoss})
   * @return that sum, in block order (so it does not depend on the thread count), or 0
   */
  private double solveSide(
      CsrMatrix interactions, float[] fixed, double[] gram, float[] target, boolean withLoss) {
    int k = config.factors();
    Supplier<RowSolver> solvers;
    if (config.solver() == AlsSolver.CG) {
      float[] gramF = new float[gram.length];
      for (int i = 0; i < gram.length; i++) {
        gramF[i] = (float) gram[i];
      }
      solvers =
          () ->
              new ConjugateGradientRowSolver(
                  kernels, k, gramF, config.regularization(), config.alpha(), config.cgSteps());
    } else {
      solvers = () -> new CholeskyRowSolver(k, gram, config.regularization(), config.alpha());
    }
    return RowBlocks.sum(
        blocks.run(
            interactions.rows(),
            BLOCK,
            solvers,
            (from, to, solver) -> {
              double corrections = 0;
              for (int row = from; row < to; row++) {
                solver.solve(row, interactions, fixed, target);
                if (withLoss) {
                  corrections +=
                      ImplicitAlsLoss.rowCorrection(
                          row, interactions, fixed, target, k, config.alpha(), kernels);
                }
              }
              return corrections;
            }));
  }
}
