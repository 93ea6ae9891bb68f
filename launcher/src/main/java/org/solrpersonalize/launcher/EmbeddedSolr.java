package org.solrpersonalize.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;
import org.apache.solr.core.CoreContainer;
import org.apache.solr.core.SolrCore;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.util.RefCounted;

/**
 * A real Solr HTTP server on 127.0.0.1, started from Maven artifacts alone (Solr's {@link
 * JettySolrRunner}), with the standalone cores {@value #CATALOG} and {@value #USERS} built from the
 * repository's configsets. The plugin's classes are found on the classpath.
 *
 * <pre>{@code
 * try (EmbeddedSolr solr = EmbeddedSolr.start(new EmbeddedSolrConfig(0, Path.of("solr-data"),
 *     EmbeddedSolrConfig.defaultConfigsetsDir()))) {
 *   String catalog = solr.coreUrl(EmbeddedSolr.CATALOG); // http://127.0.0.1:41234/solr/catalog
 * }
 * }</pre>
 *
 * Problems the user can fix (port in use, data folder of another layout, a core that does not load)
 * are thrown as {@link LauncherException} with a one-line message.
 */
public final class EmbeddedSolr implements AutoCloseable {
  public static final String CATALOG = "catalog";
  public static final String USERS = "users";
  public static final List<String> CORES = List.of(CATALOG, USERS);

  /** System property read by log4j2.xml: Solr's log goes to {@code <data>/logs/solr.log}. */
  public static final String LOG_DIR_PROPERTY = "pz.log.dir";

  static final String HOST = "127.0.0.1";

  /**
   * Jersey (Solr's v2 API) logs through java.util.logging straight to the console, for example a
   * warning that jakarta.activation is absent; a strong reference keeps this level set.
   */
  private static final java.util.logging.Logger JERSEY_LOG =
      java.util.logging.Logger.getLogger("org.glassfish.jersey");

  static {
    JERSEY_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  private final JettySolrRunner jetty;
  private final SolrHome home;

  private EmbeddedSolr(JettySolrRunner jetty, SolrHome home) {
    this.jetty = jetty;
    this.home = home;
  }

  /** Prepares the data folder and starts Solr; returns once both cores are loaded. */
  public static EmbeddedSolr start(EmbeddedSolrConfig config) {
    if (config.port() != 0) {
      requirePortFree(config.port());
    }
    SolrHome home = SolrHome.prepare(config.dataDir(), config.configsetsDir(), CORES);
    // Before the first Solr class logs anything, so that log4j2.xml picks the folder up.
    System.getProperties().putIfAbsent(LOG_DIR_PROPERTY, logDir(config.dataDir()).toString());
    // Solr's own name for it; without it Solr logs an error at startup.
    System.getProperties().putIfAbsent("solr.log.dir", System.getProperty(LOG_DIR_PROPERTY));
    JettyConfig jettyConfig =
        JettyConfig.builder()
            .setPort(config.port())
            .stopAtShutdown(false)
            .withPortRetryTime(0)
            .build();
    JettySolrRunner jetty =
        new JettySolrRunner(home.dir().toString(), new Properties(), jettyConfig);
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      if (hasCause(e, BindException.class)) {
        throw portInUse(config.port(), e);
      }
      throw new LauncherException(
          "Solr did not start: " + rootMessage(e) + " (details in " + logFile() + ")", e);
    }
    EmbeddedSolr solr = new EmbeddedSolr(jetty, home);
    try {
      solr.requireCoresLoaded();
    } catch (LauncherException e) {
      solr.close();
      throw e;
    }
    return solr;
  }

  /** The base URL, for example {@code http://127.0.0.1:8983/solr}. */
  public String url() {
    return jetty.getBaseUrl().toString();
  }

  /** The URL of one core, for example {@code http://127.0.0.1:8983/solr/catalog}. */
  public String coreUrl(String core) {
    return url() + "/" + core;
  }

  public int port() {
    return jetty.getLocalPort();
  }

  public Path dataDir() {
    return home.dir();
  }

  /** True when this start created the data folder. */
  public boolean createdDataDir() {
    return home.created();
  }

  /** Configsets replaced at this start because the repository's copy changed. */
  public List<String> refreshedConfigsets() {
    return home.refreshedConfigsets();
  }

  /** Number of live documents visible to searches of {@code core}. */
  public long documentCount(String core) {
    try (SolrCore solrCore = openCore(core)) {
      return solrCore.withSearcher(searcher -> (long) searcher.numDocs());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The loaded core {@code name}; the caller closes it. */
  private SolrCore openCore(String name) {
    SolrCore solrCore = jetty.getCoreContainer().getCore(name);
    if (solrCore == null) {
      throw new IllegalArgumentException("no core named '" + name + "'");
    }
    return solrCore;
  }

  /**
   * Waits until the merges running in {@code core}'s index writer have finished (benchmarks: a
   * merge that an earlier bulk update started would share the machine with the requests timed).
   * Returns the seconds waited.
   */
  public double awaitMerges(String core) throws IOException {
    long start = System.nanoTime();
    try (SolrCore solrCore = openCore(core)) {
      RefCounted<IndexWriter> writer = solrCore.getSolrCoreState().getIndexWriter(solrCore);
      try {
        if (writer.get().getConfig().getMergeScheduler()
            instanceof ConcurrentMergeScheduler merges) {
          merges.sync();
        }
      } finally {
        writer.decref();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Stops Solr; committed documents stay in the data folder. */
  @Override
  public void close() {
    stopQuietly(jetty);
  }

  private void requireCoresLoaded() {
    CoreContainer cores = jetty.getCoreContainer();
    Map<String, CoreContainer.CoreLoadFailure> failures = cores.getCoreInitFailures();
    for (String core : CORES) {
      CoreContainer.CoreLoadFailure failure = failures.get(core);
      if (failure != null) {
        throw new LauncherException(
            "core '"
                + core
                + "' did not load: "
                + rootMessage(failure.exception)
                + " (details in "
                + logFile()
                + ")",
            failure.exception);
      }
      if (!cores.isLoaded(core)) {
        throw new LauncherException(
            "core '" + core + "' did not load (details in " + logFile() + ")");
      }
    }
  }

  /** Checked before starting: Jetty's own bind failure only shows after a retry delay. */
  private static void requirePortFree(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
    } catch (IOException e) {
      throw portInUse(port, e);
    }
  }

  private static LauncherException portInUse(int port, Exception cause) {
    return new LauncherException(
        "port "
            + port
            + " on "
            + HOST
            + " is already in use (another Solr"
            + " running?); stop it or choose another port with --port",
        cause);
  }

  private static Path logDir(Path dataDir) {
    return dataDir.resolve("logs");
  }

  /**
   * Solr's log file as log4j2.xml names it. The log folder is fixed by the first start in a JVM
   * (log4j reads the property once), so a later start in the same JVM logs there too.
   */
  public static Path logFile() {
    return Path.of(System.getProperty(LOG_DIR_PROPERTY, "solr-data/logs"), "solr.log");
  }

  private static void stopQuietly(JettySolrRunner jetty) {
    try {
      if (jetty.isRunning()) {
        jetty.stop();
      }
    } catch (Exception e) {
      // Stopping is best effort: the JVM is usually about to exit.
      System.err.println("solr: error while stopping: " + rootMessage(e));
    }
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The deepest cause's class and message, on one line. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage().strip();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }
}
