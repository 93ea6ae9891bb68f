package org.solrpersonalize.launcher;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/solr}: runs the embedded Solr until Ctrl-C.
 *
 * <pre>
 * $ bin/solr --port 8983 --data solr-data
 * Solr is running at http://127.0.0.1:8983/solr
 * </pre>
 */
@Command(
    name = "solr",
    mixinStandardHelpOptions = true,
    description = {
      "Run a real Solr on 127.0.0.1 with the @|bold catalog|@ and @|bold users|@ cores and the"
          + " personalization plugin, from Maven artifacts alone. Data survives restarts;"
          + " Ctrl-C stops it."
    })
public final class SolrLauncher implements Callable<Integer> {
  @Spec private CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8983",
      description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--data",
      defaultValue = "solr-data",
      paramLabel = "DIR",
      description =
          "Data folder (Solr home, indexes, logs), kept across restarts"
              + " (default: ${DEFAULT-VALUE}).")
  private Path data;

  @Option(
      names = "--configsets",
      paramLabel = "DIR",
      description =
          "The repository's configsets folder (default: the configsets.dir system"
              + " property, else ./configsets).")
  private Path configsets;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port must be in [0, 65535], got " + port);
    }
    EmbeddedSolrConfig config =
        new EmbeddedSolrConfig(
            port,
            data,
            configsets != null ? configsets : EmbeddedSolrConfig.defaultConfigsetsDir());
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting Solr (data in " + config.dataDir() + ") ...");
    out.flush();
    EmbeddedSolr solr = EmbeddedSolr.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  solr.close();
                  System.out.println("Solr stopped.");
                  stopped.countDown();
                },
                "solr-launcher-shutdown"));
    printWelcome(solr, out);
    stopped.await();
    return 0;
  }

  private static void printWelcome(EmbeddedSolr solr, PrintWriter out) {
    if (!solr.refreshedConfigsets().isEmpty()) {
      out.println(
          "Configsets updated from the repository: "
              + String.join(", ", solr.refreshedConfigsets()));
    }
    out.println("Solr is running at " + solr.url());
    out.printf(
        Locale.ROOT,
        "  cores: %s (%,d documents), %s (%,d documents)%n",
        EmbeddedSolr.CATALOG,
        solr.documentCount(EmbeddedSolr.CATALOG),
        EmbeddedSolr.USERS,
        solr.documentCount(EmbeddedSolr.USERS));
    out.println("  logs:  " + EmbeddedSolr.logFile());
    out.println(
        "  try:   curl '"
            + solr.coreUrl(EmbeddedSolr.CATALOG)
            + "/select?q=waterproof&fl=id,title,score'");
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  /**
   * Runs the launcher; a {@link LauncherException} ends it with one line on stderr, exit code 1.
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine command = new CommandLine(new SolrLauncher());
    command.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof LauncherException || e instanceof UncheckedIOException) {
            cmd.getErr().println("solr: " + e.getMessage());
            cmd.getErr().flush();
            return 1;
          }
          throw e;
        });
    return command;
  }
}
