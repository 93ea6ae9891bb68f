package org.solrpersonalize.trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.trainer.content.ContentFactorMap;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.InteractionLoader;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.eval.EvaluationReport;
import org.solrpersonalize.trainer.eval.HoldoutSplit;
import org.solrpersonalize.trainer.tuning.AlsTuning;
import org.solrpersonalize.trainer.tuning.TuningReport;
import org.solrpersonalize.trainer.weighting.ConfidenceLimit;

/**
 * Training as a library call, in the style of Spark's {@code ALS.fit(dataset)} and implicit's
 * {@code model.fit(user_items)}: the CLI's {@code train} and {@code evaluate}, the launcher's demo
 * and timings, and the tests all train through {@link #fit}.
 */
public final class Trainer {
  private Trainer() {}

  /** {@link #fit(Interactions, TrainingConfig, TrainingListener)} without a listener. */
  public static TrainedModel fit(Interactions data, TrainingConfig config) {
    return fit(data, config, TrainingListener.NONE);
  }

  /**
   * Factorizes the interactions, evaluates on a holdout when the config has one (the factors are
   * then trained on the rest), fits the mixture over the item factors and derives the users'
   * cluster affinities. Results depend on the data and the config only, never on the thread count.
   *
   * <pre>{@code
   * Interactions data = new InteractionLoader(LoadOptions.DEFAULT, System.err::println)
   *     .load(List.of(Path.of("events.csv")), bytes -> {});
   * TrainingConfig config = TrainingConfig.builder()
   *     .factors(64)
   *     .clustering(ClusteringConfig.withComponents(ClusteringConfig.AUTO))
   *     .holdout(new HoldoutConfig(0.2, SplitMode.RANDOM, 10, 0))
   *     .build();
   * TrainedModel model = Trainer.fit(data, config, listener);
   * model.writeTo(Path.of("models/m1"));
   * }</pre>
   *
   * @throws NonFiniteFactorsException when a factor came out NaN or infinite (naming its row)
   * @throws org.solrpersonalize.trainer.data.BadInputException when the data cannot support the
   *     config (more mixture components than items, a holdout on users with one item, a confidence
   *     above {@link ConfidenceLimit#MAX_CONFIDENCE})
   */
  public static TrainedModel fit(
      Interactions data, TrainingConfig config, TrainingListener listener) {
    PhaseTimer timings = new PhaseTimer();
    CsrMatrix trainUserItems = data.userItems();
    CsrMatrix trainItemUsers = data.itemUsers();
    HoldoutConfig holdout = config.holdout();
    HoldoutSplit.Result split = null;
    if (holdout != null) {
      split = HoldoutSplit.split(data, holdout.split(), holdout.fraction(), config.seed());
      trainUserItems = split.train();
      trainItemUsers = trainUserItems.transpose();
    }
    TuningReport tuning = null;
    if (config.tuning() != null) {
      AlsTuning.Outcome tuned = AlsTuning.tune(config, trainUserItems, listener);
      config = tuned.config();
      tuning = tuned.report();
      timings.lap("tune");
    }
    // Only the factorization (and so the tuning) sees the confidence weighting; baselines and
    // mixture see the log's weights.
    CsrMatrix weighted =
        config.model().explicit() ? trainUserItems : config.weighting().weigh(trainUserItems);
    if (!config.model().explicit()) {
      ConfidenceLimit.check(weighted, config.alpha(), data.userIds(), data.itemIds());
    }
    TrainedFactors factors =
        Factorization.fit(
            config,
            weighted,
            weighted == trainUserItems ? trainItemUsers : weighted.transpose(),
            data.userIds(),
            data.itemIds(),
            listener);
    timings.lap("train");
    ContentFactorMap.Prediction content = null;
    if (config.content() != null) {
      content =
          ContentFactorMap.predict(
              config.content(),
              data.itemIds(),
              factors.itemFactors(),
              factors.k(),
              config.seed(),
              config.threads());
      timings.lap("content");
    }

    EvaluationReport report = null;
    if (split != null) {
      report =
          HoldoutEvaluation.evaluate(
              factors, split, trainItemUsers, holdout, config.seed(), config.threads(), listener);
      timings.lap("evaluate");
    }

    MixtureResult mixture =
        MixtureStep.run(
            config.clustering(),
            factors.latentItemFactors(),
            content == null ? new float[0] : latentColumns(content.factors(), factors),
            factors.latentDimension(),
            trainUserItems,
            config.seed(),
            config.threads(),
            listener);
    timings.lap("mixture");

    ModelManifest manifest = manifest(data, config, factors, mixture, report, tuning, content);
    ModelDirectory.Model model =
        new ModelDirectory.Model(
            manifest,
            data.userIds(),
            content == null ? data.itemIds() : concat(data.itemIds(), content.itemIds()),
            factors.userFactors(),
            content == null
                ? factors.itemFactors()
                : concat(factors.itemFactors(), content.factors()),
            mixture.itemLogDensity(),
            mixture.userLogAffinity(),
            mixture.gmmLogWeights(),
            // The whole log, holdout included: seen filtering hides what the user interacted with.
            RecentItems.latestFirst(
                data.userItems().rowPtr(), data.userItems().cols(), data.timestamps()));
    return new TrainedModel(
        model, mixture.gmmJson(), report, factors.finalLoss(), timings.seconds(), tuning);
  }

  /**
   * Reads interaction logs (CSV, TSV with a header, or JSONL) and fits them. The manifest records
   * the load options' columns and events unless the config already names its input settings.
   */
  public static TrainedModel fit(
      List<Path> logs, LoadOptions load, TrainingConfig config, TrainingListener listener)
      throws IOException {
    InteractionLoader loader = new InteractionLoader(load, listener::onBadLine);
    listener.onLoadStart(InteractionLoader.totalBytes(logs));
    Interactions data = loader.load(logs, listener::onLoadProgress);
    if (config.inputSettings().isEmpty()) {
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("columns", load.columns().toString());
      settings.put("events", load.events().toString());
      if (load.decay() != null) {
        settings.putAll(load.decay().settings());
      }
      config = config.toBuilder().inputSettings(settings).build();
    }
    return fit(data, config, listener);
  }

  private static ModelManifest manifest(
      Interactions data,
      TrainingConfig config,
      TrainedFactors factors,
      MixtureResult mixture,
      EvaluationReport report,
      TuningReport tuning,
      ContentFactorMap.Prediction content) {
    Map<String, Object> hyper = new LinkedHashMap<>(factors.hyperparameters());
    if (!config.model().explicit()) {
      hyper.putAll(config.weighting().hyperparameters());
    }
    if (tuning != null) {
      hyper.putAll(tuning.hyperparameters());
    }
    hyper.putAll(mixture.hyperparameters());
    if (content != null) {
      hyper.putAll(content.hyperparameters());
    }
    hyper.putAll(config.inputSettings());
    if (report != null) {
      hyper.put("holdout", config.holdout().fraction());
      hyper.put("split", report.split());
      // The manifest keeps "k" as the cutoff's key: manifests are a file format (DESIGN.md).
      hyper.put("k", config.holdout().at());
    }
    Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    int contentItems = content == null ? 0 : content.itemIds().size();
    return new ModelManifest(
        ModelManifest.CURRENT_FORMAT_VERSION,
        ModelIds.create(created, data.fingerprint(), config.seed()),
        created.toString(),
        factors.type(),
        factors.k(),
        mixture.components(),
        mixture.covariance(),
        data.users(),
        data.items() + contentItems,
        contentItems,
        config.seed(),
        data.fingerprint(),
        new ModelManifest.FoldIn(
            config.regularization(),
            config.model().explicit() ? ModelManifest.FoldIn.EXPLICIT_ALPHA : config.alpha()),
        hyper,
        metrics(report, tuning));
  }

  /** The mixture clusters latent factors: explicit models' bias columns come after them. */
  private static float[] latentColumns(float[] published, TrainedFactors factors) {
    int k = factors.k();
    int latent = factors.latentDimension();
    if (k == latent) {
      return published;
    }
    int rows = published.length / k;
    float[] out = new float[rows * latent];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(published, r * k, out, r * latent, latent);
    }
    return out;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first.size() + second.size());
    all.addAll(first);
    all.addAll(second);
    return all;
  }

  private static float[] concat(float[] first, float[] second) {
    float[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  private static Map<String, Double> metrics(EvaluationReport report, TuningReport tuning) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (report != null) {
      metrics.putAll(report.asMetrics());
    }
    if (tuning != null) {
      metrics.putAll(tuning.metrics());
    }
    return metrics;
  }
}
