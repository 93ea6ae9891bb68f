package org.solrpersonalize.trainer.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.math.FloatDot;
import org.solrpersonalize.trainer.data.CsrMatrix;

class ExplicitMfTest {
  private static final int USERS = 30;
  private static final int ITEMS = 20;

  /** Ratings 3 + b_u + b_i + x_u.y_i of a planted rank-2 model; {@code keep} selects entries. */
  private static CsrMatrix plantedRatings(boolean holdout, boolean keepTrain) {
    SplittableRandom random = new SplittableRandom(11);
    double[] x = new double[USERS * 2];
    double[] y = new double[ITEMS * 2];
    double[] bu = new double[USERS];
    double[] bi = new double[ITEMS];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian() * 0.7;
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = random.nextGaussian() * 0.7;
    }
    for (int u = 0; u < USERS; u++) {
      bu[u] = random.nextGaussian() * 0.3;
    }
    for (int i = 0; i < ITEMS; i++) {
      bi[i] = random.nextGaussian() * 0.3;
    }
    int[] rowPtr = new int[USERS + 1];
    int[] cols = new int[USERS * ITEMS];
    float[] vals = new float[USERS * ITEMS];
    int n = 0;
    for (int u = 0; u < USERS; u++) {
      for (int i = 0; i < ITEMS; i++) {
        boolean inTest = (u * 7 + i * 3) % 5 == 0;
        if (!holdout || inTest != keepTrain) {
          cols[n] = i;
          vals[n++] =
              (float) (3 + bu[u] + bi[i] + x[u * 2] * y[i * 2] + x[u * 2 + 1] * y[i * 2 + 1]);
        }
      }
      rowPtr[u + 1] = n;
    }
    return new CsrMatrix(
        USERS, ITEMS, rowPtr, java.util.Arrays.copyOf(cols, n), java.util.Arrays.copyOf(vals, n));
  }

  /** Explicit ALS fitted on {@code ratings} without a listener. */
  private static ExplicitMfModel als(CsrMatrix ratings, ExplicitMfConfig config) {
    return new ExplicitAlsTrainer(config)
        .fit(ratings, ratings.transpose(), AlsIterationListener.NONE);
  }

  private static ExplicitMfConfig config(int iterations, double lambda, double rate, int threads) {
    return new ExplicitMfConfig(2, iterations, lambda, true, rate, 5, threads);
  }

  @Test
  void rmseOfAHandComputedCase() {
    // predictions: mean 3 + biases (0.5, -0.5 / 0, 1) + dot of 1-d factors (1, 2) x (1, 0)
    ExplicitMfModel model =
        new ExplicitMfModel(
            1,
            2,
            2,
            new float[] {1, 2},
            new float[] {1, 0},
            3.0,
            new float[] {0.5f, -0.5f},
            new float[] {0f, 1f});
    // ratings: (0,0)=4 -> predicted 4.5, (0,1)=5 -> 4.5, (1,1)=3 -> 3.5
    CsrMatrix ratings =
        new CsrMatrix(2, 2, new int[] {0, 2, 3}, new int[] {0, 1, 1}, new float[] {4, 5, 3});
    assertEquals(0.5, RatingError.rmse(model, ratings), 1e-12);
  }

  @Test
  void alsReconstructsFullyObservedLowRankRatings() {
    CsrMatrix ratings = plantedRatings(false, true);
    double[] last = new double[1];
    ExplicitMfModel model =
        new ExplicitAlsTrainer(config(30, 1e-5, 0.01, 1))
            .fit(ratings, ratings.transpose(), (it, ms, rmse) -> last[0] = rmse);
    assertTrue(last[0] < 0.01, "training RMSE " + last[0]);
    assertEquals(last[0], RatingError.rmse(model, ratings), 1e-12);
  }

  @Test
  void sgdReconstructsFullyObservedLowRankRatings() {
    CsrMatrix ratings = plantedRatings(false, true);
    ExplicitMfModel model =
        new ExplicitSgdTrainer(config(400, 1e-4, 0.03, 1)).fit(ratings, AlsIterationListener.NONE);
    double rmse = RatingError.rmse(model, ratings);
    assertTrue(rmse < 0.05, "training RMSE " + rmse);
  }

  @Test
  void heldOutRatingsArePredictedFarBetterThanByTheMean() {
    CsrMatrix train = plantedRatings(true, true);
    CsrMatrix test = plantedRatings(true, false);
    ExplicitMfModel meanOnly =
        new ExplicitMfModel(
            2,
            USERS,
            ITEMS,
            new float[USERS * 2],
            new float[ITEMS * 2],
            ExplicitAlsTrainer.mean(train),
            new float[USERS],
            new float[ITEMS]);
    double baseline = RatingError.rmse(meanOnly, test);
    ExplicitMfModel als = als(train, config(20, 0.01, 0.01, 2));
    ExplicitMfModel sgd =
        new ExplicitSgdTrainer(config(300, 0.01, 0.03, 1)).fit(train, AlsIterationListener.NONE);
    assertTrue(RatingError.rmse(als, test) < 0.3 * baseline, "ALS vs mean " + baseline);
    assertTrue(RatingError.rmse(sgd, test) < 0.3 * baseline, "SGD vs mean " + baseline);
  }

  @Test
  void alsIsTheSameWithOneAndTwoThreads() {
    CsrMatrix ratings = plantedRatings(true, true);
    ExplicitMfModel one = als(ratings, config(5, 0.1, 0.01, 1));
    ExplicitMfModel two = als(ratings, config(5, 0.1, 0.01, 2));
    assertArrayEquals(one.userFactors(), two.userFactors());
    assertArrayEquals(one.itemBias(), two.itemBias());
  }

  @Test
  void augmentedFactorsReproduceThePredictions() {
    CsrMatrix ratings = plantedRatings(false, true);
    ExplicitMfModel model = als(ratings, config(3, 0.1, 0.01, 1));
    float[] xu = model.augmentedUserFactors();
    float[] yi = model.augmentedItemFactors();
    for (int u = 0; u < USERS; u++) {
      for (int i = 0; i < ITEMS; i++) {
        assertEquals(model.predict(u, i), FloatDot.dot(xu, u * 4, yi, i * 4, 4), 1e-5);
      }
    }
  }
}
