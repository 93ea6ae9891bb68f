package org.solrpersonalize.install;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * The main class of the Solr JVM that {@link SolrWithInstalledPlugin} starts: a real HTTP Solr over
 * the Solr home given as the only argument, on a free port that it writes to {@code <home>/port}
 * once Solr is up. It stops when its standard input closes, so a test JVM that dies takes it along.
 */
public final class InstalledSolr {
  private InstalledSolr() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    JettySolrRunner jetty =
        new JettySolrRunner(
            home.toString(),
            new Properties(),
            JettyConfig.builder().setPort(0).stopAtShutdown(true).build());
    jetty.start();
    Path port = home.resolve("port");
    Files.writeString(
        home.resolve("port.tmp"), Integer.toString(jetty.getLocalPort()), StandardCharsets.UTF_8);
    Files.move(home.resolve("port.tmp"), port); // the test never reads half a number
    while (System.in.read() != -1) {
      // the test writes nothing; end of input means stop
    }
    jetty.stop();
  }
}
