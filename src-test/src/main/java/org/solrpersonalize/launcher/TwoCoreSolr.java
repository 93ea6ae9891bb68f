package org.solrpersonalize.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.embedded.JettyConfig;

/**
 * A real HTTP Solr (Jetty, from Maven artifacts alone) on 127.0.0.1 with the project's
 * {@code catalog} and {@code users} cores, built from the repository's configsets (the one source
 * of truth). The solr home survives restarts: cores already there are loaded again.
 *
 * <pre>{@code
 * try (TwoCoreSolr solr = TwoCoreSolr.start(Path.of("solr-data"), 8983)) { ... solr.baseUrl() ... }
 * }</pre>
 */
public final class TwoCoreSolr implements AutoCloseable {
  private final JettySolrRunner jetty;
  private final Path home;

  private TwoCoreSolr(JettySolrRunner jetty, Path home) {
    this.jetty = jetty;
    this.home = home;
  }

  /** Starts on a free port (tests). */
  public static TwoCoreSolr start(Path home) throws Exception {
    return start(home, 0);
  }

  /** Starts on {@code port} (0: a free one); a port in use is a one-line {@link IllegalStateException}. */
  public static TwoCoreSolr start(Path home, int port) throws Exception {
    if (port > 0) {
      try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1,
          java.net.InetAddress.getByName("127.0.0.1"))) {
        probe.setReuseAddress(true);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use"
            + " (another Solr?): stop it or pass --port N");
      }
    }
    Path configsets = Path.of(System.getProperty("configsets.dir", "configsets"));
    if (!Files.isDirectory(configsets.resolve("catalog"))) {
      throw new IllegalStateException("configsets not found at " + configsets.toAbsolutePath()
          + ": run from the repository root or set -Dconfigsets.dir");
    }
    Files.createDirectories(home);
    Files.writeString(home.resolve("solr.xml"), "<solr></solr>\n");
    for (String core : new String[] {"catalog", "users"}) {
      Path dir = home.resolve(core);
      copyTree(configsets.resolve(core).resolve("conf"), dir.resolve("conf"));
      Files.writeString(dir.resolve("core.properties"), "name=" + core + "\n");
    }
    System.setProperty("solr.log.dir", home.resolve("logs").toString());
    JettySolrRunner jetty = new JettySolrRunner(home.toString(),
        JettyConfig.builder().setPort(port).setContext("/solr").build());
    jetty.start();
    return new TwoCoreSolr(jetty, home);
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234/solr}. */
  public String baseUrl() {
    return jetty.getBaseUrl().toString();
  }

  public SolrClient client() {
    return new Http2SolrClient.Builder(baseUrl()).build();
  }

  public Path home() {
    return home;
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
