package org.solrpersonalize.trainer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solrpersonalize.trainer.als.AlsIterationListener;
import org.solrpersonalize.trainer.als.ExplicitAlsTrainer;
import org.solrpersonalize.trainer.als.ExplicitMfConfig;
import org.solrpersonalize.trainer.als.ExplicitMfModel;
import org.solrpersonalize.trainer.als.ExplicitSgdTrainer;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.als.ImplicitAlsModel;
import org.solrpersonalize.trainer.als.ImplicitAlsTrainer;
import org.solrpersonalize.trainer.als.RatingError;
import org.solrpersonalize.trainer.data.CsrMatrix;

/** Runs the factorization the config asks for, then checks that every factor is finite. */
final class Factorization {
  private Factorization() {}

  static TrainedFactors fit(
      TrainingConfig config,
      CsrMatrix userItems,
      CsrMatrix itemUsers,
      List<String> userIds,
      List<String> itemIds,
      TrainingListener listener) {
    ModelType type = config.model();
    double[] lastLoss = {Double.NaN};
    AlsIterationListener iterations =
        (iteration, millis, loss) -> {
          lastLoss[0] = loss;
          listener.onIteration(iteration, millis, loss);
        };
    listener.onFactorizationStart(type, config.iterations());
    try {
      if (type == ModelType.IMPLICIT) {
        ImplicitAlsConfig als = config.implicitConfig();
        ImplicitAlsModel model = new ImplicitAlsTrainer(als).fit(userItems, itemUsers, iterations);
        FiniteFactors.check(type, "user", model.userFactors(), als.factors(), userIds);
        FiniteFactors.check(type, "item", model.itemFactors(), als.factors(), itemIds);
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("regularization", als.regularization());
        hyper.put("alpha", als.alpha());
        hyper.put("iterations", als.iterations());
        hyper.put("solver", als.solver().option());
        hyper.put("cgSteps", als.cgSteps());
        return new TrainedFactors(
            type.manifestName(),
            als.factors(),
            model.userFactors(),
            model.itemFactors(),
            model.itemFactors(),
            als.factors(),
            hyper,
            lastLoss[0],
            null);
      }
      ExplicitMfConfig mf = config.explicitConfig();
      ExplicitMfModel model =
          type == ModelType.EXPLICIT_ALS
              ? new ExplicitAlsTrainer(mf).fit(userItems, itemUsers, iterations)
              : new ExplicitSgdTrainer(mf).fit(userItems, iterations);
      boolean augmented = mf.biases();
      int k = augmented ? mf.factors() + 2 : mf.factors();
      float[] users = augmented ? model.augmentedUserFactors() : model.userFactors();
      float[] items = augmented ? model.augmentedItemFactors() : model.itemFactors();
      FiniteFactors.check(type, "user", users, k, userIds);
      FiniteFactors.check(type, "item", items, k, itemIds);
      Map<String, Object> hyper = new LinkedHashMap<>();
      hyper.put("regularization", mf.regularization());
      hyper.put("iterations", mf.iterations());
      hyper.put("biases", mf.biases());
      if (type == ModelType.EXPLICIT_SGD) {
        hyper.put("learningRate", mf.learningRate());
      }
      hyper.put("latentFactors", mf.factors());
      hyper.put("biasColumns", augmented ? 2 : 0);
      return new TrainedFactors(
          type.manifestName(),
          k,
          users,
          items,
          model.itemFactors(),
          mf.factors(),
          hyper,
          lastLoss[0],
          ratings -> RatingError.rmse(model, ratings));
    } finally {
      listener.onFactorizationEnd();
    }
  }
}
