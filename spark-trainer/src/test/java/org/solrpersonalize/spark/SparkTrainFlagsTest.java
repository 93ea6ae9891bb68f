package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.tuning.TuningConfig;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;
import picocli.CommandLine;

/**
 * The Spark engine's {@code train} reads bin/trainer train's flags with bin/trainer's option
 * classes: the same defaults and values, and the flags Spark cannot honour refused by name. No
 * Spark runs here: every check comes before the session starts.
 */
class SparkTrainFlagsTest {
  private static final List<String> REQUIRED =
      List.of("--interactions", "events.csv", "--out", "model");

  /**
   * No flag: bin/trainer train's defaults, the auto values tuned (the scheme searched too), the
   * local mixture (kmeans starts, 300 EM iterations).
   */
  @Test
  void defaultsAreBinTrainerTrainDefaults() {
    SparkTrainerConfig expected =
        SparkTrainerConfig.of(
            TrainingConfig.builder().tuning(TuningConfig.auto(true, true)).build(),
            AlsImplementation.TRAINER,
            0,
            MixtureConfig.DEFAULT_SAMPLE_ROWS);
    assertEquals(expected, parse());
    ClusteringConfig mixture = expected.mixture().clustering();
    assertEquals("kmeans, 300", mixture.init() + ", " + mixture.maxIterations());
  }

  @Test
  void givenValuesMeanNoTuning() {
    SparkTrainerConfig config =
        parse(
            "--regularization",
            "30",
            "--alpha",
            "2",
            "--confidence",
            "bm25",
            "--bm25-k1",
            "50",
            "--gmm-init",
            "kmeans++",
            "--max-iterations",
            "100",
            "--gmm-n-init",
            "3",
            "--clusters",
            "auto");
    assertEquals(30.0, config.regularization());
    assertEquals(2.0, config.alpha());
    assertEquals(
        new ConfidenceWeighting(ConfidenceScheme.BM25, 1.0, 50, ConfidenceWeighting.DEFAULT_B),
        config.weighting());
    assertNull(config.tuning());
    ClusteringConfig clustering = config.mixture().clustering();
    assertEquals(ClusteringConfig.AUTO, clustering.components());
    assertEquals("kmeans++", clustering.init());
    assertEquals(100, clustering.maxIterations());
    assertEquals(3, clustering.nInit());
  }

  @Test
  void tuneFlagsAreTheLocalOnes() {
    SparkTrainerConfig config =
        parse("--alpha", "5", "--tune", "--tune-budget", "4", "--tune-metric", "map", "--at", "5");
    TuningConfig tuning = config.tuning();
    assertEquals(true, tuning.requested());
    assertEquals(true, tuning.regularization());
    assertEquals(false, tuning.alpha());
    assertEquals(4, tuning.budget());
    assertEquals("map", tuning.metric().option());
    assertEquals(5, tuning.at());
  }

  @Test
  void flagsSparkCannotHonourAreRefusedByName() {
    assertEquals(
        "error: --threads: Spark runs the rows on its executors: size them with --master"
            + " local[N] or spark-submit's --executor-cores",
        refused("--threads", "2"));
    assertEquals(
        "error: --learning-rate: the Spark engine trains implicit ALS, not explicit-sgd",
        refused("--learning-rate", "0.1"));
    assertEquals(
        "error: --biases: (and --no-biases) the Spark engine trains implicit ALS, which has no"
            + " biases",
        refused("--no-biases"));
    assertEquals(
        "error: --model: the Spark engine trains implicit only, got 'explicit-als'",
        refused("--model", "explicit-als"));
    assertEquals(
        "error: --cg-steps applies to --als trainer; MLlib's ALS solves each row by Cholesky",
        refused("--als", "mllib", "--cg-steps", "5"));
    assertEquals("error: --as-of needs --half-life", refused("--as-of", "2026-01-01T00:00:00Z"));
    assertEquals(
        "error: --confidence must be 'linear', 'log' or 'bm25', got 'sqrt'",
        refused("--confidence", "sqrt"));
    assertEquals(
        "error: --half-life must be a finite number of days > 0, got -1.0",
        refused("--half-life", "-1"));
  }

  /** A config built directly (not from the flags) is held to the local trainer's checks. */
  @Test
  void theConfigChecksTheFactorizationAsTheLocalTrainerDoes() {
    SparkTrainerConfig defaults = SparkTrainerConfig.defaults(42);
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () ->
                new SparkTrainerConfig(
                    2000,
                    defaults.iterations(),
                    defaults.regularization(),
                    defaults.alpha(),
                    defaults.weighting(),
                    defaults.seed(),
                    defaults.als(),
                    defaults.solver(),
                    defaults.cgSteps(),
                    defaults.blocks(),
                    null,
                    defaults.mixture()));
    assertEquals("factors must be in [1, 1024], got 2000", e.getMessage());
  }

  private static SparkTrainerConfig parse(String... flags) {
    SparkTrainCommand command =
        new SparkTrainCommand(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    new CommandLine(command).parseArgs(args(flags));
    return command.config();
  }

  /** Runs {@code train}, which must exit with 2 before Spark starts; its one stderr line. */
  private static String refused(String... flags) {
    List<String> args = new ArrayList<>();
    args.add("train");
    args.addAll(List.of(args(flags)));
    SparkCliRun run = SparkCliRun.of(args.toArray(new String[0]));
    assertEquals(2, run.code(), run.err());
    return run.err().strip();
  }

  private static String[] args(String... flags) {
    List<String> args = new ArrayList<>(REQUIRED);
    args.addAll(List.of(flags));
    return args.toArray(new String[0]);
  }
}
