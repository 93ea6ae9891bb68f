package org.solrpersonalize.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.eval.EvaluationReport;
import org.solrpersonalize.trainer.gmm.GaussianMixtureModel;
import org.solrpersonalize.trainer.tuning.TuningReport;

/**
 * What {@link SparkTrainer#fit} produced, on the driver.
 *
 * @param model the model directory's content
 * @param mixture the Gaussian mixture, null when none was fitted ({@code --clusters 0})
 * @param regularization with {@code --als mllib}, how {@code --regularization} became Spark's
 *     {@code regParam}; null with the trainer's ALS, which takes lambda as it is
 * @param pairs distinct (user, item) pairs read (trained on, and held out with a holdout)
 * @param evaluation the holdout evaluation, null without {@code --holdout}
 * @param tuning what the tuning did, null when none was asked for
 * @param seconds wall-clock seconds per phase of the fit, in order
 */
public record SparkTrainedModel(
    ModelDirectory.Model model,
    GaussianMixtureModel mixture,
    RegularizationMapping regularization,
    long pairs,
    EvaluationReport evaluation,
    TuningReport tuning,
    Map<String, Double> seconds) {

  public SparkTrainedModel {
    seconds = Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
  }

  /** The mixture's file in a model directory, as {@code bin/trainer export} reads it. */
  public static final String GMM_JSON = "gmm.json";

  public ModelManifest manifest() {
    return model.manifest();
  }

  /** The same model with more manifest hyperparameters (e.g. the input's columns and events). */
  public SparkTrainedModel withHyperparameters(Map<String, Object> more) {
    ModelManifest m = model.manifest();
    Map<String, Object> hyper = new LinkedHashMap<>(m.hyperparameters());
    hyper.putAll(more);
    ModelManifest manifest =
        new ModelManifest(
            m.formatVersion(),
            m.modelId(),
            m.created(),
            m.modelType(),
            m.factors(),
            m.clusters(),
            m.covarianceType(),
            m.users(),
            m.items(),
            m.contentItems(),
            m.seed(),
            m.inputFingerprint(),
            m.foldIn(),
            hyper,
            m.metrics());
    return new SparkTrainedModel(
        new ModelDirectory.Model(
            manifest,
            model.userIds(),
            model.itemIds(),
            model.userFactors(),
            model.itemFactors(),
            model.itemLogDensity(),
            model.userLogAffinity(),
            model.gmmLogWeights(),
            model.recentItems()),
        mixture,
        regularization,
        pairs,
        evaluation,
        tuning,
        seconds);
  }

  /**
   * Writes the model directory {@code bin/trainer train} writes ({@link ModelDirectory}, plus
   * {@code gmm.json} with a mixture) on the driver's file system.
   *
   * @throws BadInputException when {@code dir} exists and is not an empty directory
   */
  public void writeTo(Path dir) throws IOException {
    checkOutputDirectory(dir);
    Files.createDirectories(dir);
    if (mixture != null) {
      mixture.writeJson(dir.resolve(GMM_JSON));
    }
    ModelDirectory.write(dir, model);
  }

  /**
   * Refuses to mix a new model into an existing directory's files; the CLI checks before it trains,
   * so that a typo does not wait for the training.
   *
   * @throws BadInputException when {@code dir} exists and is not an empty directory
   */
  public static void checkOutputDirectory(Path dir) throws IOException {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new BadInputException("--out " + dir + " exists and is not a directory");
      }
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new BadInputException("--out " + dir + " exists and is not empty");
        }
      }
    }
  }
}
