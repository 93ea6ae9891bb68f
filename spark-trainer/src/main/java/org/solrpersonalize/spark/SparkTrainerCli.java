package org.solrpersonalize.spark;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.solrpersonalize.trainer.data.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point for {@code spark-submit}:
 *
 * <pre>
 * spark-submit --class org.solrpersonalize.spark.SparkTrainerCli \
 *   spark-trainer-0.1.0-SNAPSHOT-spark.jar train --interactions s3a://shop/events/ \
 *   --format parquet --out /models/m20261204 --factors 64 --clusters 16
 * </pre>
 *
 * Exit codes as {@code bin/trainer}: 0 done, 2 bad input or flags (one line on stderr), 1 other
 * failures.
 */
@Command(
    name = "spark-trainer",
    mixinStandardHelpOptions = true,
    description = "Trains the personalization model on Apache Spark and publishes it from Spark.",
    subcommands = {CommandLine.HelpCommand.class})
public final class SparkTrainerCli {
  private SparkTrainerCli() {}

  public static void main(String[] args) {
    System.exit(
        run(
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            System.err,
            args));
  }

  /**
   * Runs one command, its progress bars on {@link System#err}; the exit code is returned, not
   * exited with, so tests can call it.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, System.err, args);
  }

  /**
   * @param progress where {@code publish} draws its bars (unless {@code --no-progress}) and notices
   */
  public static int run(PrintWriter out, PrintWriter err, PrintStream progress, String... args) {
    CommandLine cli = new CommandLine(new SparkTrainerCli());
    cli.addSubcommand(new CommandLine(new SparkTrainCommand(out, err)));
    cli.addSubcommand(new CommandLine(new SparkPublishCommand(out, err, progress)));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          if (e instanceof BadInputException) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
          }
          throw e;
        });
    return cli.execute(args);
  }
}
