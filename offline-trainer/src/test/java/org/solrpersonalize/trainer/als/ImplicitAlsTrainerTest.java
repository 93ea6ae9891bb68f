package org.solrpersonalize.trainer.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.math.AlsFoldIn;
import org.solrpersonalize.math.FloatDot;
import org.solrpersonalize.trainer.data.CsrMatrix;

class ImplicitAlsTrainerTest {

  /** Users 0..groups*perGroup-1 touch every item of their own group and nothing else. */
  static CsrMatrix blockDiagonal(int groups, int usersPerGroup, int itemsPerGroup) {
    int users = groups * usersPerGroup;
    int[] rowPtr = new int[users + 1];
    int[] cols = new int[users * itemsPerGroup];
    float[] vals = new float[cols.length];
    int e = 0;
    for (int u = 0; u < users; u++) {
      int group = u / usersPerGroup;
      for (int i = 0; i < itemsPerGroup; i++) {
        cols[e] = group * itemsPerGroup + i;
        vals[e++] = 1f;
      }
      rowPtr[u + 1] = e;
    }
    return new CsrMatrix(users, groups * itemsPerGroup, rowPtr, cols, vals);
  }

  /** A random sparse matrix with weights in [1, 5]. */
  static CsrMatrix randomSparse(int rows, int columns, double density, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Integer> cols = new ArrayList<>();
    List<Float> vals = new ArrayList<>();
    int[] rowPtr = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        if (random.nextDouble() < density) {
          cols.add(c);
          vals.add((float) (1 + random.nextInt(5)));
        }
      }
      rowPtr[r + 1] = cols.size();
    }
    float[] v = new float[vals.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = vals.get(i);
    }
    return new CsrMatrix(
        rows, columns, rowPtr, cols.stream().mapToInt(Integer::intValue).toArray(), v);
  }

  /** 3 groups of 10 users, each using all 8 items of its group and none other. */
  private static final CsrMatrix THREE_GROUPS = blockDiagonal(3, 10, 8);

  /** k = 3, lambda 0.01, alpha 40, CG of 3 steps, one thread, over {@link #THREE_GROUPS}. */
  private static ImplicitAlsModel fitThreeGroups(int iterations) {
    return new ImplicitAlsTrainer(config(3, iterations, 0.01, 40, AlsSolver.CG, 3, 1))
        .fit(THREE_GROUPS, THREE_GROUPS.transpose(), AlsIterationListener.NONE);
  }

  private static ImplicitAlsConfig config(
      int k,
      int iterations,
      double lambda,
      double alpha,
      AlsSolver solver,
      int cgSteps,
      int threads) {
    return new ImplicitAlsConfig(k, iterations, lambda, alpha, solver, cgSteps, 7, threads);
  }

  /**
   * Users 2 and 5 and items 1 and 4 have no interaction: their rows of the normal equations are
   * lambda * I, so an exact solve gives zero factors and every factor stays finite.
   */
  @Test
  void emptyRowsAndColumnsGiveFiniteFactors() {
    CsrMatrix m = randomSparse(8, 6, 0.5, 11);
    int[] rowPtr = new int[9];
    List<Integer> cols = new ArrayList<>();
    List<Float> vals = new ArrayList<>();
    for (int u = 0; u < 8; u++) {
      if (u != 2 && u != 5) {
        for (int e = m.rowPtr()[u]; e < m.rowPtr()[u + 1]; e++) {
          if (m.cols()[e] != 1 && m.cols()[e] != 4) {
            cols.add(m.cols()[e]);
            vals.add(m.vals()[e]);
          }
        }
      }
      rowPtr[u + 1] = cols.size();
    }
    float[] v = new float[vals.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = vals.get(i);
    }
    CsrMatrix sparse =
        new CsrMatrix(8, 6, rowPtr, cols.stream().mapToInt(Integer::intValue).toArray(), v);
    assertEquals(0, sparse.rowPtr()[3] - sparse.rowPtr()[2]);
    for (AlsSolver solver : AlsSolver.values()) {
      for (int threads : new int[] {1, 3}) {
        ImplicitAlsModel model =
            new ImplicitAlsTrainer(config(4, 5, 0.1, 10, solver, 3, threads))
                .fit(sparse, sparse.transpose(), AlsIterationListener.NONE);
        for (float f : model.userFactors()) {
          assertTrue(Float.isFinite(f), solver + " user factor " + f);
        }
        for (float f : model.itemFactors()) {
          assertTrue(Float.isFinite(f), solver + " item factor " + f);
        }
        if (solver == AlsSolver.CHOLESKY) {
          float[] zero = new float[4];
          for (int row : new int[] {2, 5}) {
            assertArrayEquals(zero, Arrays.copyOfRange(model.userFactors(), row * 4, row * 4 + 4));
          }
          for (int column : new int[] {1, 4}) {
            assertArrayEquals(
                zero, Arrays.copyOfRange(model.itemFactors(), column * 4, column * 4 + 4));
          }
        }
      }
    }
  }

  @Test
  void conjugateGradientRowSolveAgreesWithCholesky() {
    int k = 8;
    CsrMatrix m = randomSparse(40, 30, 0.2, 1);
    float[] fixed = FactorInit.gaussian(30, k, 3, 1);
    for (int i = 0; i < fixed.length; i++) {
      fixed[i] *= 50; // unit-scale factors, as after training
    }
    double[] gram = AlsFoldIn.gram(fixed, k);
    float[] gramF = new float[gram.length];
    for (int i = 0; i < gram.length; i++) {
      gramF[i] = (float) gram[i];
    }
    float[] exact = new float[40 * k];
    float[] iterative = FactorInit.gaussian(40, k, 4, 0);
    CholeskyRowSolver cholesky = new CholeskyRowSolver(k, gram, 0.1, 2.0);
    // k steps solve a k x k system exactly in exact arithmetic; 2k absorbs float rounding.
    ConjugateGradientRowSolver cg =
        new ConjugateGradientRowSolver(FloatKernels.best(), k, gramF, 0.1, 2.0, 2 * k);
    for (int row = 0; row < 40; row++) {
      cholesky.solve(row, m, fixed, exact);
      cg.solve(row, m, fixed, iterative);
    }
    assertArrayEquals(exact, iterative, 1e-4f);
  }

  @Test
  void fewWarmStartedStepsTrainAsWellAsTheExactSolve() {
    CsrMatrix m = randomSparse(60, 40, 0.15, 2);
    ImplicitAlsModel exact =
        new ImplicitAlsTrainer(config(6, 10, 0.1, 5, AlsSolver.CHOLESKY, 1, 1))
            .fit(m, m.transpose(), AlsIterationListener.NONE);
    ImplicitAlsModel cg =
        new ImplicitAlsTrainer(config(6, 10, 0.1, 5, AlsSolver.CG, 12, 1))
            .fit(m, m.transpose(), AlsIterationListener.NONE);
    float[] exactScores = scores(exact);
    float[] cgScores = scores(cg);
    assertArrayEquals(exactScores, cgScores, 1e-4f);
  }

  private static float[] scores(ImplicitAlsModel model) {
    float[] out = new float[model.users() * model.items()];
    for (int u = 0; u < model.users(); u++) {
      for (int i = 0; i < model.items(); i++) {
        out[u * model.items() + i] = model.score(u, i);
      }
    }
    return out;
  }

  @Test
  void reconstructsALowRankPreferenceMatrix() {
    ImplicitAlsModel model = fitThreeGroups(15);
    float[] preference = THREE_GROUPS.toDense();
    float[] predicted = scores(model);
    assertArrayEquals(preference, predicted, 0.02f);
  }

  @Test
  void lossDecreasesEveryIteration() {
    CsrMatrix m = randomSparse(50, 40, 0.1, 3);
    for (AlsSolver solver : AlsSolver.values()) {
      List<Double> losses = new ArrayList<>();
      new ImplicitAlsTrainer(config(5, 8, 0.5, 10, solver, 3, 1))
          .fit(m, m.transpose(), (iteration, millis, loss) -> losses.add(loss));
      assertEquals(8, losses.size());
      for (int i = 1; i < losses.size(); i++) {
        assertTrue(
            losses.get(i) < losses.get(i - 1),
            solver + ": loss went up at iteration " + (i + 1) + ": " + losses);
      }
    }
  }

  @Test
  void lossMatchesADirectSumOverAllPairs() {
    CsrMatrix m = randomSparse(12, 9, 0.3, 4);
    double[] reported = new double[1];
    ImplicitAlsModel model =
        new ImplicitAlsTrainer(config(3, 2, 0.3, 4, AlsSolver.CHOLESKY, 1, 1))
            .fit(m, m.transpose(), (iteration, millis, loss) -> reported[0] = loss);
    double direct = 0;
    for (int u = 0; u < 12; u++) {
      for (int i = 0; i < 9; i++) {
        double w = m.get(u, i);
        double p = m.get(u, i) > 0 ? 1 : 0;
        double c = 1 + 4 * w;
        double s = 0;
        for (int j = 0; j < 3; j++) {
          s += (double) model.userFactors()[u * 3 + j] * model.itemFactors()[i * 3 + j];
        }
        direct += c * (p - s) * (p - s);
      }
    }
    for (float v : model.userFactors()) {
      direct += 0.3 * v * v;
    }
    for (float v : model.itemFactors()) {
      direct += 0.3 * v * v;
    }
    // The trainer's scores are float dot products: agreement to float precision.
    assertEquals(direct, reported[0], 1e-6 * direct);
  }

  @Test
  void sameFactorsOnTheVectorApiAndWithoutIt() {
    CsrMatrix m = randomSparse(300, 200, 0.05, 6);
    ImplicitAlsConfig config = config(19, 3, 0.1, 10, AlsSolver.CG, 3, 2);
    try (ImplicitAlsRun vector =
            new ImplicitAlsRun(config, m, m.transpose(), new VectorFloatKernels());
        ImplicitAlsRun scalar =
            new ImplicitAlsRun(config, m, m.transpose(), FloatKernels.scalar())) {
      vector.advanceTo(3, AlsIterationListener.NONE);
      scalar.advanceTo(3, AlsIterationListener.NONE);
      assertArrayEquals(scalar.model().userFactors(), vector.model().userFactors());
      assertArrayEquals(scalar.model().itemFactors(), vector.model().itemFactors());
    }
  }

  @Test
  void sameFactorsWithOneAndTwoThreads() {
    CsrMatrix m = randomSparse(700, 300, 0.02, 5);
    for (AlsSolver solver : AlsSolver.values()) {
      ImplicitAlsModel one =
          new ImplicitAlsTrainer(config(8, 3, 0.1, 10, solver, 3, 1))
              .fit(m, m.transpose(), AlsIterationListener.NONE);
      ImplicitAlsModel two =
          new ImplicitAlsTrainer(config(8, 3, 0.1, 10, solver, 3, 2))
              .fit(m, m.transpose(), AlsIterationListener.NONE);
      assertArrayEquals(one.userFactors(), two.userFactors());
      assertArrayEquals(one.itemFactors(), two.itemFactors());
    }
  }

  @Test
  void foldInOfAUsersItemsRanksTheirGroupFirst() {
    ImplicitAlsModel model = fitThreeGroups(10);
    // A new user who touched two items of group 1 (items 8..15), folded in as the plugin does.
    float[] x = foldIn(model, new int[] {9, 12}, new float[] {1f, 1f});
    for (int i = 0; i < 24; i++) {
      float score = FloatDot.dot(x, 0, model.itemFactors(), i * 3, 3);
      boolean sameGroup = i >= 8 && i < 16;
      assertTrue(sameGroup ? score > 0.5f : Math.abs(score) < 0.1f, "item " + i + ": " + score);
    }
  }

  /** One ALS user step for a user who is not in the model: the plugin's session fold-in. */
  private static float[] foldIn(ImplicitAlsModel model, int[] itemIndexes, float[] weights) {
    int k = model.k();
    float[] vectors = new float[itemIndexes.length * k];
    for (int e = 0; e < itemIndexes.length; e++) {
      System.arraycopy(model.itemFactors(), itemIndexes[e] * k, vectors, e * k, k);
    }
    float[] out = new float[k];
    AlsFoldIn solver =
        new AlsFoldIn(
            k, AlsFoldIn.gram(model.itemFactors(), k), model.regularization(), model.alpha());
    assertTrue(solver.solve(vectors, weights, itemIndexes.length, out));
    return out;
  }
}
