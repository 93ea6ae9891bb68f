package org.solrpersonalize.trainer.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
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

/** Runs the factorization {@code --model} asks for, with a progress bar over its iterations. */
final class ModelTraining {
  private ModelTraining() {}

  static TrainedFactors train(
      ModelOptions options, CsrMatrix userItems, CsrMatrix itemUsers, ProgressBars bars) {
    ModelType type = options.modelType();
    double[] lastLoss = {Double.NaN};
    try (ProgressBars.Bar bar =
        bars.start(type.option, options.iterations, " it", 1)) {
      AlsIterationListener listener =
          (iteration, millis, loss) -> {
            lastLoss[0] = loss;
            bar.stepTo(iteration);
            bar.message(
                String.format(
                    Locale.ROOT, "%s %.6g", type.explicit() ? "train RMSE" : "loss", loss));
          };
      if (type == ModelType.IMPLICIT) {
        ImplicitAlsConfig config = options.implicitConfig();
        ImplicitAlsModel model = new ImplicitAlsTrainer(config).fit(userItems, itemUsers, listener);
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("regularization", config.regularization());
        hyper.put("alpha", config.alpha());
        hyper.put("iterations", config.iterations());
        hyper.put("solver", config.solver().toString());
        hyper.put("cgSteps", config.cgSteps());
        return new TrainedFactors(
            type.manifestName,
            config.factors(),
            model.userFactors(),
            model.itemFactors(),
            model.itemFactors(),
            config.factors(),
            hyper,
            lastLoss[0],
            null);
      }
      ExplicitMfConfig config = options.explicitConfig();
      ExplicitMfModel model =
          type == ModelType.EXPLICIT_ALS
              ? new ExplicitAlsTrainer(config).fit(userItems, itemUsers, listener)
              : new ExplicitSgdTrainer(config).fit(userItems, listener);
      Map<String, Object> hyper = new LinkedHashMap<>();
      hyper.put("regularization", config.regularization());
      hyper.put("iterations", config.iterations());
      hyper.put("biases", config.biases());
      if (type == ModelType.EXPLICIT_SGD) {
        hyper.put("learningRate", config.learningRate());
      }
      boolean augmented = config.biases();
      hyper.put("latentFactors", config.factors());
      hyper.put("biasColumns", augmented ? 2 : 0);
      return new TrainedFactors(
          type.manifestName,
          augmented ? config.factors() + 2 : config.factors(),
          augmented ? model.augmentedUserFactors() : model.userFactors(),
          augmented ? model.augmentedItemFactors() : model.itemFactors(),
          model.itemFactors(),
          config.factors(),
          hyper,
          lastLoss[0],
          ratings -> RatingError.rmse(model, ratings));
    }
  }
}
