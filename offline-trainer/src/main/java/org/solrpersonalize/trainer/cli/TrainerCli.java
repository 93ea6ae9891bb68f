package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.solrpersonalize.trainer.data.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code bin/trainer} command line.
 *
 * <pre>
 * bin/trainer train    --interactions events.csv --out models/m1
 * bin/trainer evaluate --interactions events.csv --split last --json
 * bin/trainer export   --model models/m1 --out export/m1
 * bin/trainer publish  --model models/m1 --solr http://127.0.0.1:8983/solr [--candidate]
 * bin/trainer status   --solr http://127.0.0.1:8983/solr [--json]
 * bin/trainer promote  --solr http://127.0.0.1:8983/solr
 * bin/trainer rollback --solr http://127.0.0.1:8983/solr
 * bin/trainer generate --products 20000 --users 2000 --out data
 * bin/trainer interleaving-report --clicks clicks.jsonl
 * bin/trainer fit-weights --log clicks.jsonl
 * </pre>
 *
 * Exit codes: 0 success, 1 unexpected failure, 2 bad input (a bad line, a missing file, a bad
 * option); errors are one line on stderr, without a stack trace. {@link #run} returns the code
 * instead of exiting, for tests and the demo.
 */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    version = "trainer 0.1.0",
    description = "Trains, evaluates and exports personalization models for Solr.")
public final class TrainerCli implements Callable<Integer> {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;

  /** Every subcommand, registered here only: a new one (publish, generate...) is one more entry. */
  static final List<Supplier<ConsoleCommand>> SUBCOMMANDS =
      List.of(
          TrainCommand::new,
          EvaluateCommand::new,
          ExportCommand::new,
          PublishCommand::new,
          StatusCommand::new,
          SwitchCommands.Promote::new,
          SwitchCommands.Rollback::new,
          GenerateCommand::new,
          InterleavingReportCommand::new,
          FitWeightsCommand::new);

  private final Console console;

  @Spec CommandSpec spec;

  private TrainerCli(Console console) {
    this.console = console;
  }

  /** Where this command line and its subcommands write. */
  Console console() {
    return console;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line with System.out and System.err; returns the exit code. */
  public static int run(String... args) {
    return run(System.out, System.err, args);
  }

  /** Runs a command line writing to the given streams; returns the exit code. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return commandLine(new Console(out, err)).execute(args);
  }

  static CommandLine commandLine(Console console) {
    CommandLine cli = new CommandLine(new TrainerCli(console));
    for (Supplier<ConsoleCommand> subcommand : SUBCOMMANDS) {
      cli.addSubcommand(subcommand.get());
    }
    // Help text is ASCII, but file names echoed in errors may not be: UTF-8, as the tests decode.
    cli.setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(
        (e, args) -> {
          String command = e.getCommandLine().getCommandSpec().qualifiedName();
          console.err().println("error: " + e.getMessage() + " (see '" + command + " --help')");
          return BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          console.err().println("error: " + describe(e));
          return isBadInput(e) ? BAD_INPUT : FAILURE;
        });
    return cli;
  }

  private static boolean isBadInput(Exception e) {
    return e instanceof BadInputException
        || e instanceof FileSystemException
        || e instanceof InvalidPathException
        || (e instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException);
  }

  private static String describe(Exception e) {
    if (e instanceof FileSystemException f) {
      if (f.getReason() != null) {
        return f.getMessage();
      }
      String what =
          f instanceof NoSuchFileException
              ? "no such file"
              : f instanceof AccessDeniedException ? "access denied" : "cannot use file";
      return what + ": " + f.getFile();
    }
    if (e instanceof BadInputException || e instanceof IOException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Without a subcommand: list them, and fail as for any other incomplete command line. */
  @Override
  public Integer call() {
    spec.commandLine().usage(console.err());
    return BAD_INPUT;
  }
}
