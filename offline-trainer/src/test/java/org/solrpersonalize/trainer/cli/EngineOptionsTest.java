package org.solrpersonalize.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --engine}: this JVM's trainer accepts {@code local} and says where the Spark engine
 * is, before any data is read.
 */
class EngineOptionsTest {
  @TempDir Path dir;

  @Test
  void sparkEngineIsNotOnTheTrainersClasspath() throws Exception {
    CliRun run = train("--engine", "spark");
    assertEquals(2, run.exitCode());
    assertEquals(
        "error: --engine spark: the Spark engine is not on this classpath; run it through"
            + " bin/trainer (which puts Spark on the classpath) or spark-submit with"
            + " spark-trainer-*-spark.jar\n",
        run.err());
    assertFalse(Files.exists(dir.resolve("m")));
  }

  @Test
  void unknownEngineAndMasterWithoutSparkAreRefused() throws Exception {
    assertEquals(
        "error: --engine must be 'local' or 'spark', got 'flink'\n",
        train("--engine", "flink").err());
    assertEquals(
        "error: --master applies to --engine spark only\n", train("--master", "local[2]").err());
  }

  @Test
  void localEngineTrains() throws Exception {
    CliRun run = train("--engine", "local", "--clusters", "0", "--factors", "2");
    assertEquals(0, run.exitCode(), run.err());
  }

  /** {@code train} of a tiny log into {@code m} with fixed hyperparameters, then {@code flags}. */
  private CliRun train(String... flags) throws Exception {
    Path log = dir.resolve("events.csv");
    Files.writeString(log, "user,item,weight\nu1,a,1\nu2,a,1\nu2,b,1\n", StandardCharsets.UTF_8);
    String[] more =
        Stream.concat(
                Stream.of("--regularization", "1", "--alpha", "1", "--no-progress"),
                Stream.of(flags))
            .toArray(String[]::new);
    return CliRun.train(log, dir.resolve("m"), more);
  }
}
