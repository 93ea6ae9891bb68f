package org.solrpersonalize.launcher;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the embedded Solr runs.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param dataDir the Solr home: solr.xml, installed configsets, cores and their indexes; survives
 *     restarts
 * @param configsetsDir the repository's {@code configsets/} folder, with {@code catalog/conf} and
 *     {@code users/conf}
 */
public record EmbeddedSolrConfig(int port, Path dataDir, Path configsetsDir) {
  /**
   * System property naming the configsets folder (set by the scripts under bin/ and by surefire).
   */
  public static final String CONFIGSETS_PROPERTY = "configsets.dir";

  public EmbeddedSolrConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    configsetsDir =
        Objects.requireNonNull(configsetsDir, "configsetsDir").toAbsolutePath().normalize();
  }

  public static Path defaultConfigsetsDir() {
    return Path.of(System.getProperty(CONFIGSETS_PROPERTY, "configsets"));
  }
}
