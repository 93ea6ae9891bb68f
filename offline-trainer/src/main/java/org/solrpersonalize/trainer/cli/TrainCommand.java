package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.eval.EvaluationReport;
import org.solrpersonalize.trainer.eval.HoldoutSplit;
import org.solrpersonalize.trainer.eval.SplitMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: interactions in, model directory out (factors, mixture, affinities, manifest).
 *
 * <pre>
 * bin/trainer train --interactions events.csv --out models/m1 --clusters 16 --holdout 0.2
 * </pre>
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains factors and a Gaussian mixture over the item factors and writes a model directory.",
      "With --holdout the model is trained on the rest and its test figures go into the manifest."
    })
final class TrainCommand implements Callable<Integer> {
  private final Console console;

  @Mixin InputOptions input;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Model directory to create; must not exist or be empty (required; no default).")
  Path out;

  @Mixin ModelOptions model;

  @Mixin ClusterOptions clusters;

  @Option(
      names = "--holdout",
      paramLabel = "F",
      description =
          "Hold out this fraction of each user's items and evaluate on it."
              + " Default: none (train on everything, no evaluation).")
  Double holdout;

  @Option(
      names = "--split",
      paramLabel = "random|last",
      defaultValue = "random",
      description = "How --holdout picks test items. Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(
      names = "--k",
      paramLabel = "K",
      defaultValue = "10",
      description = "Cutoff of the ranking metrics with --holdout. Default: ${DEFAULT-VALUE}.")
  int k;

  @Mixin OutputOptions output;

  TrainCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    checkOutputDirectory(out);
    SplitMode mode = SplitMode.parse(split);
    EvaluationOptions.checkCutoff(k);
    model.validate();
    clusters.validate();
    ProgressBars bars = output.bars(console);
    Timings timings = new Timings();
    Interactions data = InteractionReading.load(input, bars, console.err());
    timings.lap("load");

    CsrMatrix trainUserItems = data.userItems();
    CsrMatrix trainItemUsers = data.itemUsers();
    HoldoutSplit.Result holdoutSplit = null;
    if (holdout != null) {
      holdoutSplit = HoldoutSplit.split(data, mode, holdout, model.seed);
      trainUserItems = holdoutSplit.train();
      trainItemUsers = trainUserItems.transpose();
    }
    TrainedFactors factors = ModelTraining.train(model, trainUserItems, trainItemUsers, bars);
    timings.lap("train");

    EvaluationReport report = null;
    if (holdoutSplit != null) {
      report =
          HoldoutEvaluation.evaluate(
              factors, holdoutSplit, trainItemUsers, mode, holdout, model.seed, k, 0,
              model.threadCount(), bars);
      timings.lap("evaluate");
    }

    ClusterResult mixture =
        ClusterStep.run(
            clusters,
            factors.latentItemFactors(),
            factors.latentDimension(),
            trainUserItems,
            model.seed,
            model.threadCount(),
            bars);
    timings.lap("mixture");

    ModelManifest manifest = manifest(data, factors, mixture, report);
    Files.createDirectories(out);
    if (mixture.gmmJson() != null) {
      mixture.gmmJson().write(out.resolve(ExportCommand.GMM_JSON));
    }
    ModelDirectory.write(
        out,
        new ModelDirectory.Model(
            manifest,
            data.userIds(),
            data.itemIds(),
            factors.userFactors(),
            factors.itemFactors(),
            mixture.itemLogDensity(),
            mixture.userLogAffinity(),
            mixture.gmmLogWeights()));
    timings.lap("write");

    TrainSummary summary = new TrainSummary(out.toString(), manifest, factors.finalLoss(), timings.seconds(), report);
    if (output.json) {
      console.out().println(ModelDirectory.json().writeValueAsString(summary));
    } else {
      console.out().print(summary.toTable());
    }
    return 0;
  }

  private ModelManifest manifest(
      Interactions data, TrainedFactors factors, ClusterResult mixture, EvaluationReport report) {
    Map<String, Object> hyper = new LinkedHashMap<>(factors.hyperparameters());
    hyper.putAll(mixture.hyperparameters());
    hyper.put("columns", input.columns);
    hyper.put("events", input.events);
    if (report != null) {
      hyper.put("holdout", holdout);
      hyper.put("split", report.split());
      hyper.put("k", k);
    }
    Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new ModelManifest(
        ModelManifest.CURRENT_FORMAT_VERSION,
        ModelIds.create(created, data.fingerprint(), model.seed),
        created.toString(),
        factors.type(),
        factors.k(),
        mixture.clusters(),
        mixture.covariance(),
        data.users(),
        data.items(),
        model.seed,
        data.fingerprint(),
        new ModelManifest.FoldIn(
            model.regularizationValue(),
            model.modelType().explicit() ? ModelManifest.FoldIn.EXPLICIT_ALPHA : model.alpha),
        hyper,
        report == null ? Map.of() : report.asMetrics());
  }

  /** Refuses to mix a new model into an existing directory's files. */
  static void checkOutputDirectory(Path dir) throws IOException {
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

  /** Wall-clock seconds per phase, in order. */
  static final class Timings {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long last = System.nanoTime();

    void lap(String phase) {
      long now = System.nanoTime();
      seconds.put(phase, Math.round((now - last) / 1e7) / 100.0);
      last = now;
    }

    Map<String, Double> seconds() {
      return seconds;
    }
  }
}
