package org.solrpersonalize.trainer.als;

import java.util.SplittableRandom;
import org.solrpersonalize.math.FloatDot;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.random.FisherYates;

/**
 * Explicit MF by stochastic gradient descent (Funk; Koren, Bell, Volinsky 2009): every epoch visits
 * the ratings in a fresh seeded order and moves biases and factors along the gradient of the
 * squared error plus L2. Runs on one thread so that the same seed gives the same model. The
 * listener's loss is the training RMSE.
 */
public final class ExplicitSgdTrainer {
  private final ExplicitMfConfig config;

  public ExplicitSgdTrainer(ExplicitMfConfig config) {
    this.config = config;
  }

  public ExplicitMfModel fit(CsrMatrix userItems, AlsIterationListener listener) {
    int k = config.factors();
    int users = userItems.rows();
    int items = userItems.columns();
    float[] x = FactorInit.gaussian(users, k, config.seed(), FactorInit.USER_SIDE);
    float[] y = FactorInit.gaussian(items, k, config.seed(), FactorInit.ITEM_SIDE);
    ExplicitAlsTrainer.scale(x, 10);
    ExplicitAlsTrainer.scale(y, 10);
    float[] userBias = new float[users];
    float[] itemBias = new float[items];
    double mean = config.biases() ? ExplicitAlsTrainer.mean(userItems) : 0;
    int[] rowOf = new int[userItems.nnz()];
    for (int u = 0; u < users; u++) {
      for (int e = userItems.rowStart(u); e < userItems.rowEnd(u); e++) {
        rowOf[e] = u;
      }
    }
    int[] order = new int[rowOf.length];
    for (int e = 0; e < order.length; e++) {
      order[e] = e;
    }
    SplittableRandom random = new SplittableRandom(config.seed());
    float rate = (float) config.learningRate();
    float lambda = (float) config.regularization();
    float[] xOld = new float[k];
    long start = System.nanoTime();
    for (int epoch = 1; epoch <= config.iterations(); epoch++) {
      FisherYates.shuffle(order, random);
      for (int e : order) {
        int u = rowOf[e];
        int i = userItems.cols()[e];
        float error =
            (float)
                (userItems.vals()[e]
                    - mean
                    - userBias[u]
                    - itemBias[i]
                    - FloatDot.dot(x, u * k, y, i * k, k));
        if (config.biases()) {
          userBias[u] += rate * (error - lambda * userBias[u]);
          itemBias[i] += rate * (error - lambda * itemBias[i]);
        }
        System.arraycopy(x, u * k, xOld, 0, k);
        for (int j = 0; j < k; j++) {
          x[u * k + j] += rate * (error * y[i * k + j] - lambda * xOld[j]);
          y[i * k + j] += rate * (error * xOld[j] - lambda * y[i * k + j]);
        }
      }
      ExplicitMfModel model = new ExplicitMfModel(k, users, items, x, y, mean, userBias, itemBias);
      listener.onIteration(
          epoch, (System.nanoTime() - start) / 1_000_000, RatingError.rmse(model, userItems));
    }
    return new ExplicitMfModel(k, users, items, x, y, mean, userBias, itemBias);
  }
}
