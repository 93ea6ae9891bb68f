package org.solrpersonalize.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private CliRun train(String... flags) throws Exception {
    Path log = dir.resolve("events.csv");
    Files.writeString(log, "user,item,weight\nu1,a,1\nu2,a,1\nu2,b,1\n", StandardCharsets.UTF_8);
    String[] args = new String[10 + flags.length];
    String[] base = {
      "train",
      "--interactions",
      log.toString(),
      "--out",
      dir.resolve("m").toString(),
      "--regularization",
      "1",
      "--alpha",
      "1",
      "--no-progress"
    };
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(flags, 0, args, base.length, flags.length);
    return CliRun.of(args);
  }
}
