package org.solrpersonalize.launcher;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;

/**
 * The short form of {@link EmbeddedSolr} that the demo, the benchmark and the end-to-end tests use:
 * a real HTTP Solr on 127.0.0.1 with the {@code catalog} and {@code users} cores built from the
 * repository's configsets, its data in {@code home} (kept across restarts, layout-checked).
 *
 * <pre>{@code
 * try (TwoCoreSolr solr = TwoCoreSolr.start(Path.of("solr-data"), 8983);
 *     SolrClient client = solr.client()) {
 *   client.query("catalog", new SolrQuery("black"));
 * }
 * }</pre>
 */
public final class TwoCoreSolr implements AutoCloseable {
  private final EmbeddedSolr solr;

  private TwoCoreSolr(EmbeddedSolr solr) {
    this.solr = solr;
  }

  /** Starts on a free port (tests). */
  public static TwoCoreSolr start(Path home) {
    return start(home, 0);
  }

  /**
   * Starts on {@code port} (0: a free one). Problems the user can fix (port in use, a data folder
   * of another layout, a core that does not load) are a one-line {@link LauncherException}.
   */
  public static TwoCoreSolr start(Path home, int port) {
    return new TwoCoreSolr(
        EmbeddedSolr.start(
            new EmbeddedSolrConfig(port, home, EmbeddedSolrConfig.defaultConfigsetsDir())));
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234/solr}. */
  public String baseUrl() {
    return solr.url();
  }

  public SolrClient client() {
    return new Http2SolrClient.Builder(baseUrl()).build();
  }

  /** {@link EmbeddedSolr#awaitMerges}: seconds waited for {@code core}'s running merges. */
  public double awaitMerges(String core) throws IOException {
    return solr.awaitMerges(core);
  }

  @Override
  public void close() {
    solr.close();
  }
}
