package org.solrpersonalize.trainer.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One in-process run of the CLI (or of another command line, {@link #capture}) with captured stdout
 * and stderr; also for the tests of src-test and spark-trainer, through this module's test-jar.
 */
public record CliRun(int exitCode, String out, String err) {
  /**
   * A command line that prints on the streams it is given: {@code TrainerCli::run}, {@code
   * Bench::run}.
   */
  public interface EntryPoint {
    int run(PrintStream out, PrintStream err, String... args);
  }

  public static CliRun of(String... args) {
    return capture(TrainerCli::run, args);
  }

  /** Runs {@code main} with {@code args}, capturing what it prints. */
  public static CliRun capture(EntryPoint main, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        main.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code train --interactions interactions --out out} followed by {@code more}. */
  static CliRun train(Path interactions, Path out, String... more) {
    return of(
        List.of("train", "--interactions", interactions.toString(), "--out", out.toString()), more);
  }

  /** {@code evaluate --interactions interactions} followed by {@code more}. */
  static CliRun evaluate(Path interactions, String... more) {
    return of(List.of("evaluate", "--interactions", interactions.toString()), more);
  }

  private static CliRun of(List<String> head, String... more) {
    List<String> args = new ArrayList<>(head);
    args.addAll(List.of(more));
    return of(args.toArray(String[]::new));
  }
}
