package org.solrpersonalize.trainer.als;

import java.util.function.Supplier;
import org.solrpersonalize.trainer.concurrent.RowBlocks;
import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * Implicit-feedback ALS (Hu, Koren, Volinsky 2008). Each iteration solves every user against fixed
 * item factors, then every item against fixed user factors, each row independently in fixed blocks
 * over the configured threads. Initial factors are seeded per row, so the result is the same for
 * any thread count.
 *
 * <pre>{@code
 * ImplicitAlsModel model = new ImplicitAlsTrainer(ImplicitAlsConfig.defaults(42, 2))
 *     .fit(data.userItems(), data.itemUsers(),
 *          (iteration, millis, loss) -> System.err.println(iteration + " " + loss));
 * }</pre>
 */
public final class ImplicitAlsTrainer {
  private static final int USER_SIDE = 0;
  private static final int ITEM_SIDE = 1;

  /** Rows per block: small enough to balance two threads, large enough to amortize a claim. */
  private static final int BLOCK = 128;

  private final ImplicitAlsConfig config;

  public ImplicitAlsTrainer(ImplicitAlsConfig config) {
    this.config = config;
  }

  /**
   * @param userItems users x items weights
   * @param itemUsers its transpose
   */
  public ImplicitAlsModel fit(
      CsrMatrix userItems, CsrMatrix itemUsers, AlsIterationListener listener) {
    if (itemUsers.rows() != userItems.columns() || itemUsers.columns() != userItems.rows()) {
      throw new IllegalArgumentException("itemUsers must be the transpose of userItems");
    }
    int k = config.factors();
    float[] userFactors = FactorInit.gaussian(userItems.rows(), k, config.seed(), USER_SIDE);
    float[] itemFactors = FactorInit.gaussian(itemUsers.rows(), k, config.seed(), ITEM_SIDE);
    long start = System.nanoTime();
    try (RowBlocks blocks = new RowBlocks(config.threads())) {
      double[] itemGram = GramMatrix.compute(itemFactors, k, blocks);
      for (int iteration = 1; iteration <= config.iterations(); iteration++) {
        solveSide(userItems, itemFactors, itemGram, userFactors, blocks);
        double[] userGram = GramMatrix.compute(userFactors, k, blocks);
        solveSide(itemUsers, userFactors, userGram, itemFactors, blocks);
        itemGram = GramMatrix.compute(itemFactors, k, blocks);
        double loss =
            ImplicitAlsLoss.compute(
                userItems,
                userFactors,
                itemFactors,
                userGram,
                itemGram,
                k,
                config.regularization(),
                config.alpha(),
                blocks);
        listener.onIteration(iteration, (System.nanoTime() - start) / 1_000_000, loss);
      }
    }
    return new ImplicitAlsModel(
        k,
        userItems.rows(),
        itemUsers.rows(),
        userFactors,
        itemFactors,
        config.regularization(),
        config.alpha());
  }

  /**
   * Solves every row of {@code interactions} into {@code target}, given {@code fixed} and its Gram
   * matrix.
   */
  private void solveSide(
      CsrMatrix interactions, float[] fixed, double[] gram, float[] target, RowBlocks blocks) {
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
                  k, gramF, config.regularization(), config.alpha(), config.cgSteps());
    } else {
      solvers = () -> new CholeskyRowSolver(k, gram, config.regularization(), config.alpha());
    }
    blocks.run(
        interactions.rows(),
        BLOCK,
        solvers,
        (from, to, solver) -> {
          for (int row = from; row < to; row++) {
            solver.solve(row, interactions, fixed, target);
          }
          return 0;
        });
  }
}
