package org.solrpersonalize.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.als.AlsSolver;
import org.solrpersonalize.trainer.als.ImplicitAlsConfig;
import org.solrpersonalize.trainer.cli.EngineOptions;
import org.solrpersonalize.trainer.cli.LogFormatOptions;
import org.solrpersonalize.trainer.cli.TrainHoldoutOptions;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.data.LoadSummary;
import org.solrpersonalize.trainer.gmm.CovarianceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train} on Spark: the flags of {@code bin/trainer train} that apply to implicit ALS, plus
 * where the input is ({@code --format}, any Hadoop path) and how large the mixture's sample is.
 *
 * <pre>
 * spark-submit --class org.solrpersonalize.spark.SparkTrainerCli spark-trainer-spark.jar \
 *   train --interactions hdfs:///logs/events/*.csv --out /models/m1 --clusters 16
 * </pre>
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains implicit ALS on Spark MLlib and a Gaussian mixture over the item factors (on the"
          + " driver) and writes the model directory bin/trainer train writes."
    })
final class SparkTrainCommand implements Callable<Integer> {
  private final PrintWriter out;
  private final PrintWriter err;

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

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "Model directory to create on the driver; must not exist or be empty (required).")
  Path outDir;

  @Option(
      names = "--model",
      paramLabel = "implicit",
      defaultValue = "implicit",
      description = "implicit only: ALS on interaction weights. Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(
      names = "--factors",
      paramLabel = "K",
      defaultValue = "" + ImplicitAlsConfig.DEFAULT_FACTORS,
      description = "Latent dimension. Default: ${DEFAULT-VALUE}.")
  int factors;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      defaultValue = "" + ImplicitAlsConfig.DEFAULT_ITERATIONS,
      description = "ALS iterations. Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Option(
      names = "--regularization",
      paramLabel = "R|auto",
      defaultValue = "auto",
      description =
          "L2 weight lambda, as bin/trainer; auto = "
              + ImplicitAlsConfig.DEFAULT_REGULARIZATION
              + ". With --als mllib, Spark's regParam = lambda / mean row length."
              + " Default: ${DEFAULT-VALUE}.")
  String regularization;

  @Option(
      names = "--alpha",
      paramLabel = "A",
      defaultValue = "" + ImplicitAlsConfig.DEFAULT_ALPHA,
      description = "Confidence = 1 + alpha * weight. Default: ${DEFAULT-VALUE}.")
  double alpha;

  @Option(
      names = "--als",
      paramLabel = "trainer|mllib",
      defaultValue = "trainer",
      description =
          "trainer: bin/trainer's ALS partitioned over Spark (same flags, same model);"
              + " mllib: Spark MLlib's ALS, which scales lambda by each row's length."
              + " Default: ${DEFAULT-VALUE}.")
  String als;

  @Option(
      names = "--solver",
      paramLabel = "cg|cholesky",
      defaultValue = "cg",
      description =
          "Row solver of --als trainer: a few conjugate-gradient steps (fast) or exact Cholesky."
              + " Default: ${DEFAULT-VALUE}.")
  String solver;

  @Option(
      names = "--cg-steps",
      paramLabel = "N",
      defaultValue = "" + ImplicitAlsConfig.DEFAULT_CG_STEPS,
      description = "Conjugate-gradient steps per row and iteration. Default: ${DEFAULT-VALUE}.")
  int cgSteps;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the initial factors and the mixture. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--blocks",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Partitions (ALS blocks) per side, 0 = Spark's default parallelism."
              + " Default: ${DEFAULT-VALUE}.")
  int blocks;

  @Option(
      names = "--clusters",
      paramLabel = "K|auto",
      defaultValue = "16",
      description =
          "Mixture components; auto picks the K of --cluster-candidates with the lowest BIC;"
              + " 0 fits no mixture. Default: ${DEFAULT-VALUE}.")
  String clusters;

  @Option(
      names = "--cluster-candidates",
      paramLabel = "K,K,...",
      split = ",",
      defaultValue = "2,4,8,16,32",
      description = "Values of K tried by --clusters auto. Default: ${DEFAULT-VALUE}.")
  List<Integer> candidates;

  @Option(
      names = "--covariance",
      paramLabel = "full|diag",
      defaultValue = "diag",
      description = "Covariance of each component. Default: ${DEFAULT-VALUE}.")
  String covariance;

  @Option(
      names = "--gmm-init",
      paramLabel = "kmeans++",
      defaultValue = "kmeans++",
      description = "Initialisation of the EM means (seeded k-means++). Default: ${DEFAULT-VALUE}.")
  String init;

  @Option(
      names = {"--gmm-n-init", "--n-init"},
      paramLabel = "N",
      defaultValue = "1",
      description = "EM restarts; the best lower bound is kept. Default: ${DEFAULT-VALUE}.")
  int nInit;

  @Option(
      names = "--reg-covar",
      paramLabel = "R",
      defaultValue = "1e-6",
      description = "Added to every covariance diagonal. Default: ${DEFAULT-VALUE}.")
  double regCovar;

  @Option(
      names = "--max-iterations",
      paramLabel = "N",
      defaultValue = "100",
      description = "EM iterations per run at most. Default: ${DEFAULT-VALUE}.")
  int maxIterations;

  @Option(
      names = "--tolerance",
      paramLabel = "T",
      defaultValue = "1e-3",
      description =
          "EM stops when the mean log-likelihood changes by less. Default: ${DEFAULT-VALUE}.")
  double tolerance;

  @Option(
      names = "--cluster-prior",
      paramLabel = "P",
      defaultValue = "1.0",
      description =
          "Dirichlet smoothing of user affinities: the global weights count as P interactions."
              + " Default: ${DEFAULT-VALUE}.")
  double prior;

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

  @Option(
      names = "--no-progress",
      negatable = false,
      description = "Accepted as bin/trainer's: the Spark engine draws no progress bars.")
  boolean noProgress;

  @Option(
      names = "--json",
      defaultValue = "false",
      description = "Print the result as JSON on stdout. Default: ${DEFAULT-VALUE}.")
  boolean json;

  SparkTrainCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    if (!"implicit".equals(model.trim())) {
      throw new BadInputException(
          "--model: the Spark engine trains implicit only, got '" + model + "'");
    }
    if (!"kmeans++".equals(init.trim())) {
      throw new BadInputException("--gmm-init supports kmeans++ only, got '" + init + "'");
    }
    SparkTrainerConfig config =
        new SparkTrainerConfig(
            factors,
            iterations,
            regularizationValue(),
            alpha,
            seed,
            AlsImplementation.parse(als),
            AlsSolver.parse(solver),
            cgSteps,
            blocks,
            new MixtureConfig(
                clustersValue(),
                candidates,
                covarianceValue(),
                nInit,
                regCovar,
                maxIterations,
                tolerance,
                prior,
                gmmSample));
    engine.requireSpark();
    HoldoutConfig holdoutConfig = holdout.toConfig();
    SparkHoldout.check(holdoutConfig);
    LoadOptions load =
        new LoadOptions(logFormat.columnNames(), logFormat.eventWeights(), logFormat.maxErrors());
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
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("out", outDir.toString());
      result.put("manifest", manifest);
      result.put("input", summary);
      result.put("seconds", round(seconds));
      result.put("phases", phases);
      if (trained.evaluation() != null) {
        result.put("evaluation", trained.evaluation());
      }
      out.println(ModelDirectory.json().writeValueAsString(result));
    } else {
      out.printf(
          Locale.ROOT,
          "model     %s (%s, k=%d, K=%d)%n"
              + "users     %d%nitems     %d%ninput     %s%n"
              + "als       %s (%s), lambda %s, alpha %s%n"
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
          outDir,
          seconds,
          phases);
      if (trained.evaluation() != null) {
        out.print('\n' + trained.evaluation().toTable());
      }
    }
    out.flush();
  }

  private double regularizationValue() {
    if ("auto".equals(regularization.trim())) {
      return ImplicitAlsConfig.DEFAULT_REGULARIZATION;
    }
    try {
      return Double.parseDouble(regularization.trim());
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "--regularization must be a number or auto, got '" + regularization + "'");
    }
  }

  private int clustersValue() {
    String text = clusters.trim();
    if ("auto".equals(text)) {
      return MixtureConfig.AUTO;
    }
    try {
      int k = Integer.parseInt(text);
      if (k >= 0) {
        return k;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BadInputException(
        "--clusters must be an integer >= 0 or auto, got '" + clusters + "'");
  }

  private CovarianceType covarianceValue() {
    try {
      return CovarianceType.parse(covariance);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "--covariance must be 'full' or 'diag', got '" + covariance + "'");
    }
  }
}
