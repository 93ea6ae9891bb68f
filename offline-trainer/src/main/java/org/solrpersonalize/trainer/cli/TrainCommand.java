package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.TrainedModel;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.progress.ProgressBars;
import org.solrpersonalize.trainer.progress.TrainingProgressBars;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}: interactions in, model directory out (factors, mixture, affinities, manifest),
 * through {@link Trainer#fit}; this class only parses flags and prints.
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
final class TrainCommand extends ConsoleCommand {
  @Mixin InputOptions input;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Model directory to create; must not exist or be empty (required; no default).")
  Path out;

  @Mixin ModelOptions model;

  @Mixin TuneOptions tune;

  @Mixin ClusterOptions clusters;

  @Mixin ContentOptions content;

  @Mixin TrainHoldoutOptions holdout;

  @Mixin EngineOptions engine;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    TrainedModel.checkOutputDirectory(out, "--out");
    engine.requireLocal();
    HoldoutConfig holdoutConfig = holdout.toConfig();
    TrainingConfig config =
        model.toBuilder()
            .clustering(clusters.toConfig())
            .holdout(holdoutConfig)
            .inputSettings(input.settings())
            .tuning(tune.toConfig(model, holdout.at()))
            .content(content.toConfig(input.toLoadOptions(), console().err()))
            .build();
    ProgressBars bars = output.bars(console());
    Map<String, Double> seconds = new LinkedHashMap<>();
    long start = System.nanoTime();
    Interactions data = InteractionReading.load(input, bars, console().err());
    seconds.put("load", roundedSeconds(System.nanoTime() - start));

    TrainedModel trained =
        Trainer.fit(data, config, new TrainingProgressBars(bars, console().err()));
    seconds.putAll(trained.seconds());
    start = System.nanoTime();
    trained.writeTo(out);
    seconds.put("write", roundedSeconds(System.nanoTime() - start));

    TrainSummary summary =
        new TrainSummary(
            out.toString(),
            trained.manifest(),
            trained.finalLoss(),
            seconds,
            trained.evaluation(),
            trained.tuning());
    if (output.json) {
      console().out().println(ModelDirectory.json().writeValueAsString(summary));
    } else {
      console().out().print(summary.toTable());
    }
    return 0;
  }

  private static double roundedSeconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }
}
