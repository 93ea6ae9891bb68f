package org.solrpersonalize.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.cli.ClusterOptions;
import org.solrpersonalize.trainer.cli.EngineOptions;
import org.solrpersonalize.trainer.cli.LogFormatOptions;
import org.solrpersonalize.trainer.cli.ModelOptions;
import org.solrpersonalize.trainer.cli.OutputOptions;
import org.solrpersonalize.trainer.cli.TimeDecayOptions;
import org.solrpersonalize.trainer.cli.TrainHoldoutOptions;
import org.solrpersonalize.trainer.cli.TuneOptions;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.data.LoadSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code train} on Spark with {@code bin/trainer train}'s own flags: the same picocli mixins
 * ({@link ModelOptions}, {@link TuneOptions}, {@link ClusterOptions}, {@link TimeDecayOptions},
 * {@link TrainHoldoutOptions}), so a flag parses to the same value with the same default on both
 * engines; plus where the input is ({@code --format}, any Hadoop path), which ALS ({@code --als}),
 * its partitions ({@code --blocks}) and the mixture's sample ({@code --gmm-sample}). The explicit
 * models' flags and {@code --threads} cannot apply here and are refused by name.
 *
 * <pre>
 * spark-submit --class org.solrpersonalize.spark.SparkTrainerCli spark-trainer-spark.jar \
 *   train --interactions hdfs:///logs/events/*.csv --out /models/m1 --clusters 16 --tune
 * </pre>
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains implicit ALS on Spark and a Gaussian mixture over the item factors (on the driver)"
          + " and writes the model directory bin/trainer train writes, recent_items.bin included.",
      "--tune and the auto values run bin/trainer's tuner on the driver, over the training pairs"
          + " or, above 5,000,000 of them, over a seeded sample of whole users of about that size"
          + " (auto alone keeps the defaults above it, as bin/trainer does); the output and the"
          + " manifest's tuningSample say which."
    })
final class SparkTrainCommand implements Callable<Integer> {
  /** bin/trainer's flags that only its explicit models or its own threads use. */
  private static final Map<String, String> REFUSED =
      Map.of(
          "--biases",
          "(and --no-biases) the Spark engine trains implicit ALS, which has no biases",
          "--learning-rate",
          "the Spark engine trains implicit ALS, not explicit-sgd",
          "--threads",
          "Spark runs the rows on its executors: size them with --master local[N] or"
              + " spark-submit's --executor-cores");

  private final PrintWriter out;
  private final PrintWriter err;

  @Spec CommandSpec spec;

  @Option(
      names = "--interactions",
      required = true,
      split = ",",
      paramLabel = "PATH[,PATH...]",
      description =
          "Interaction files, directories or globs on any Hadoop file system (file:, hdfs:, s3a:):"
              + " CSV or TSV with a header, JSONL, or Parquet (required; no default).")
  List<String> interactions;

  @Option(
      names = "--format",
      paramLabel = "auto|csv|tsv|jsonl|parquet",
      defaultValue = "auto",
      description = "Input format; auto goes by each file's extension. Default: ${DEFAULT-VALUE}.")
  String format;

  @Mixin LogFormatOptions logFormat;

  @Mixin TimeDecayOptions decay;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "Model directory to create on the driver; must not exist or be empty (required).")
  Path outDir;

  @Mixin ModelOptions model;

  @Mixin TuneOptions tune;

  @Option(
      names = "--als",
      paramLabel = "trainer|mllib",
      defaultValue = "trainer",
      description =
          "trainer: bin/trainer's ALS partitioned over Spark (same flags, same model);"
              + " mllib: Spark MLlib's ALS, which scales lambda by each row's length"
              + " (regParam = lambda / mean row length) and takes no --solver or --cg-steps."
              + " Default: ${DEFAULT-VALUE}.")
  String als;

  @Option(
      names = "--blocks",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Partitions (ALS blocks) per side, 0 = Spark's default parallelism."
              + " Default: ${DEFAULT-VALUE}.")
  int blocks;

  @Mixin ClusterOptions clusters;

  @Option(
      names = "--gmm-sample",
      paramLabel = "ROWS",
      defaultValue = "" + MixtureConfig.DEFAULT_SAMPLE_ROWS,
      description =
          "Fit the mixture on a seeded sample of this many item rows when there are more."
              + " Default: ${DEFAULT-VALUE}.")
  int gmmSample;

  @Mixin TrainHoldoutOptions holdout;

  @Mixin EngineOptions engine;

  @Mixin OutputOptions output;

  SparkTrainCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    SparkTrainerConfig config = config();
    engine.requireSpark();
    HoldoutConfig holdoutConfig = holdout.toConfig();
    SparkHoldout.check(holdoutConfig);
    LoadOptions load =
        new LoadOptions(
            logFormat.columnNames(),
            logFormat.eventWeights(),
            logFormat.maxErrors(),
            decay.toDecay());
    InputFormat.chosen(format); // rejects a bad --format before Spark starts
    SparkTrainedModel.checkOutputDirectory(outDir);
    SparkSession spark = CliSparkSession.start("solr-personalize train", engine.sparkMaster());
    long start = System.nanoTime();
    ReadInteractions read =
        new InteractionReader(spark, load, format, err::println).read(interactions);
    double readSeconds = (System.nanoTime() - start) / 1e9;
    SparkTrainedModel trained;
    try {
      trained =
          SparkTrainer.fit(spark, read.interactions(), config, read.fingerprint(), holdoutConfig);
    } finally {
      read.release();
    }
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("columns", load.columns().toString());
    input.put("events", load.events().toString());
    input.putAll(decay.settings());
    trained = trained.withHyperparameters(input);
    long writeStart = System.nanoTime();
    trained.writeTo(outDir);
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("read", round(readSeconds));
    phases.putAll(trained.seconds());
    phases.put("write", round((System.nanoTime() - writeStart) / 1e9));
    double seconds = (System.nanoTime() - start) / 1e9;
    LoadSummary summary = read.summary(trained.pairs());
    print(trained, summary, phases, seconds);
    return 0;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  private void print(
      SparkTrainedModel trained, LoadSummary summary, Map<String, Double> phases, double seconds)
      throws IOException {
    ModelManifest manifest = trained.manifest();
    if (output.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("out", outDir.toString());
      result.put("manifest", manifest);
      result.put("input", summary);
      result.put("seconds", round(seconds));
      result.put("phases", phases);
      if (trained.evaluation() != null) {
        result.put("evaluation", trained.evaluation());
      }
      if (trained.tuning() != null) {
        result.put("tuning", trained.tuning());
      }
      out.println(ModelDirectory.json().writeValueAsString(result));
    } else {
      out.printf(
          Locale.ROOT,
          "model     %s (%s, k=%d, K=%d)%n"
              + "users     %d%nitems     %d%ninput     %s%n"
              + "als       %s (%s), lambda %s, alpha %s, confidence %s%n"
              + "written   %s in %.1f s %s%n",
          manifest.modelId(),
          manifest.modelType(),
          manifest.factors(),
          manifest.clusters(),
          manifest.users(),
          manifest.items(),
          summary,
          manifest.hyperparameters().get("als"),
          manifest.hyperparameters().get("solver"),
          manifest.hyperparameters().get("regularization"),
          manifest.hyperparameters().get("alpha"),
          manifest.hyperparameters().get("confidence"),
          outDir,
          seconds,
          phases);
      if (trained.tuning() != null) {
        Object sample = manifest.hyperparameters().get("tuningSample");
        out.print('\n' + trained.tuning().toTable());
        if (sample != null) {
          out.println("tuned on  " + sample);
        }
      }
      if (trained.evaluation() != null) {
        out.print('\n' + trained.evaluation().toTable());
      }
    }
    out.flush();
  }

  /**
   * The training the flags ask for, read by bin/trainer's own option classes into its {@link
   * org.solrpersonalize.trainer.TrainingConfig} first, so both engines read a flag alike.
   */
  SparkTrainerConfig config() {
    refuseWhatSparkCannotDo();
    return SparkTrainerConfig.of(
        model.toBuilder()
            .clustering(clusters.toConfig())
            .tuning(tune.toConfig(model, holdout.at()))
            .build(),
        AlsImplementation.parse(als),
        blocks,
        gmmSample);
  }

  /**
   * Refuses, by name, the flags of bin/trainer train that the Spark engine cannot honour, rather
   * than ignoring them.
   */
  private void refuseWhatSparkCannotDo() {
    ParseResult parsed = spec.commandLine().getParseResult();
    for (Map.Entry<String, String> flag : new TreeMap<>(REFUSED).entrySet()) {
      if (parsed.hasMatchedOption(flag.getKey())) {
        throw new BadInputException(flag.getKey() + ": " + flag.getValue());
      }
    }
    if (AlsImplementation.parse(als) == AlsImplementation.MLLIB) {
      for (String flag : List.of("--solver", "--cg-steps")) {
        if (parsed.hasMatchedOption(flag)) {
          throw new BadInputException(
              flag + " applies to --als trainer; MLlib's ALS solves each row by Cholesky");
        }
      }
    }
  }
}
