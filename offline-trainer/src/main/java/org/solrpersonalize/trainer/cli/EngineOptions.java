package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.data.BadInputException;
import picocli.CommandLine.Option;

/**
 * Which engine trains ({@code --engine local|spark}) and the Spark master ({@code --master}): a
 * picocli mixin shared by {@code bin/trainer train} and the Spark engine's {@code train}. {@code
 * bin/trainer} runs the Spark engine's command, on Spark's classpath, when it sees {@code --engine
 * spark}; this JVM's trainer has no Spark and says so.
 */
public final class EngineOptions {
  /** The value that asks for the Spark engine. */
  public static final String SPARK = "spark";

  /** The value that asks for this JVM's trainer. */
  public static final String LOCAL = "local";

  @Option(
      names = "--engine",
      paramLabel = "local|spark",
      description =
          "local: train in this JVM; spark: train on Apache Spark (bin/trainer runs it in-process"
              + " on local[*] unless --master says otherwise). Default: none (local here, spark"
              + " in the Spark engine's command).")
  String engine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "Spark master of --engine spark, e.g. local[2]. Default: none (spark-submit's, or"
              + " spark.master, else local[*]).")
  String master;

  /** Refuses {@code --engine spark} and {@code --master} in a JVM that has no Spark engine. */
  public void requireLocal() {
    if (engine != null && !LOCAL.equals(engine.trim())) {
      if (SPARK.equals(engine.trim())) {
        throw new BadInputException(
            "--engine spark: the Spark engine is not on this classpath; run it through bin/trainer"
                + " (which puts Spark on the classpath) or spark-submit with"
                + " spark-trainer-*-spark.jar");
      }
      throw new BadInputException("--engine must be 'local' or 'spark', got '" + engine + "'");
    }
    if (master != null) {
      throw new BadInputException("--master applies to --engine spark only");
    }
  }

  /** Refuses {@code --engine local} in the Spark engine's command. */
  public void requireSpark() {
    if (engine != null && !SPARK.equals(engine.trim())) {
      throw new BadInputException(
          LOCAL.equals(engine.trim())
              ? "--engine local: this is the Spark engine's command; run bin/trainer train"
                  + " without --engine spark"
              : "--engine must be 'local' or 'spark', got '" + engine + "'");
    }
  }

  /**
   * The Spark master: {@code --master}, else none when {@code spark.master} is set (by
   * spark-submit), else {@code local[*]} (this JVM, every core).
   */
  public String sparkMaster() {
    if (master != null) {
      return master;
    }
    return System.getProperty("spark.master") != null ? null : "local[*]";
  }
}
