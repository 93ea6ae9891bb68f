package org.solrpersonalize.trainer.als;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.solrpersonalize.trainer.concurrent.RowBlocks;
import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * Explicit MF by alternating ridge regressions over the observed ratings only. With biases, each
 * row solves for its factors and its bias together: the other side's vectors are extended with a
 * constant 1 and the target is the rating minus the mean and the other side's bias. The listener's
 * loss is the training RMSE.
 *
 * <pre>{@code
 * ExplicitMfModel model = new ExplicitAlsTrainer(config).fit(ratings, ratings.transpose(), listener);
 * }</pre>
 */
public final class ExplicitAlsTrainer {
  private static final int BLOCK = 128;

  private final ExplicitMfConfig config;

  public ExplicitAlsTrainer(ExplicitMfConfig config) {
    this.config = config;
  }

  public ExplicitMfModel fit(
      CsrMatrix userItems, CsrMatrix itemUsers, AlsIterationListener listener) {
    int k = config.factors();
    int users = userItems.rows();
    int items = itemUsers.rows();
    float[] x = FactorInit.gaussian(users, k, config.seed(), FactorInit.USER_SIDE);
    float[] y = FactorInit.gaussian(items, k, config.seed(), FactorInit.ITEM_SIDE);
    scale(x, 10);
    scale(y, 10);
    float[] userBias = new float[users];
    float[] itemBias = new float[items];
    double mean = config.biases() ? mean(userItems) : 0;
    long start = System.nanoTime();
    try (RowBlocks blocks = new RowBlocks(config.threads())) {
      for (int iteration = 1; iteration <= config.iterations(); iteration++) {
        solveSide(userItems, y, itemBias, mean, x, userBias, blocks);
        solveSide(itemUsers, x, userBias, mean, y, itemBias, blocks);
        ExplicitMfModel model =
            new ExplicitMfModel(k, users, items, x, y, mean, userBias, itemBias);
        listener.onIteration(
            iteration, (System.nanoTime() - start) / 1_000_000, RatingError.rmse(model, userItems));
      }
    }
    return new ExplicitMfModel(k, users, items, x, y, mean, userBias, itemBias);
  }

  static void scale(float[] v, float factor) {
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
  }

  static double mean(CsrMatrix ratings) {
    double sum = 0;
    for (float v : ratings.vals()) {
      sum += v;
    }
    return ratings.nnz() == 0 ? 0 : sum / ratings.nnz();
  }

  /** Per-thread normal equations of dimension k (+1 with biases). */
  private final class RowSystem {
    final int d = config.factors() + (config.biases() ? 1 : 0);
    final DMatrixRMaj a = new DMatrixRMaj(d, d);
    final DMatrixRMaj b = new DMatrixRMaj(d, 1);
    final DMatrixRMaj solution = new DMatrixRMaj(d, 1);
    final double[] z = new double[d];
    final LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(d);
  }

  private void solveSide(
      CsrMatrix ratings,
      float[] fixed,
      float[] fixedBias,
      double mean,
      float[] target,
      float[] targetBias,
      RowBlocks blocks) {
    int k = config.factors();
    blocks.run(
        ratings.rows(),
        BLOCK,
        RowSystem::new,
        (from, to, s) -> {
          for (int row = from; row < to; row++) {
            int n = ratings.rowLength(row);
            if (n == 0) {
              continue; // nothing to learn from: keep the initial factors, zero bias
            }
            java.util.Arrays.fill(s.a.data, 0);
            java.util.Arrays.fill(s.b.data, 0);
            for (int e = ratings.rowStart(row); e < ratings.rowEnd(row); e++) {
              int col = ratings.cols()[e];
              for (int j = 0; j < k; j++) {
                s.z[j] = fixed[col * k + j];
              }
              if (config.biases()) {
                s.z[k] = 1;
              }
              double t = ratings.vals()[e] - mean - (config.biases() ? fixedBias[col] : 0);
              for (int i = 0; i < s.d; i++) {
                s.b.data[i] += t * s.z[i];
                for (int j = 0; j < s.d; j++) {
                  s.a.data[i * s.d + j] += s.z[i] * s.z[j];
                }
              }
            }
            for (int i = 0; i < s.d; i++) {
              s.a.data[i * s.d + i] += config.regularization() * n;
            }
            if (!s.solver.setA(s.a)) {
              throw new IllegalStateException("row " + row + ": system is not positive definite");
            }
            s.solver.solve(s.b, s.solution);
            for (int j = 0; j < k; j++) {
              target[row * k + j] = (float) s.solution.data[j];
            }
            if (config.biases()) {
              targetBias[row] = (float) s.solution.data[k];
            }
          }
          return 0;
        });
  }
}
