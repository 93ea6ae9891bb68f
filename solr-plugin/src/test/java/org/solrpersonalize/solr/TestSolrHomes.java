package org.solrpersonalize.solr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;

/**
 * Solr homes for the plugin's tests, from the one source of configsets ({@code configsets.dir}): a
 * core whose name starts with {@code users} gets the users configset, any other the catalog's; the
 * home gets an empty {@code solr.xml}.
 */
public final class TestSolrHomes {
  private TestSolrHomes() {}

  /** Lays out {@code cores} under {@code home} and returns {@code home}. */
  public static Path create(Path home, String... cores) throws IOException {
    Path configsets = Path.of(System.getProperty("configsets.dir"));
    for (String core : cores) {
      String configset = core.startsWith("users") ? "users" : "catalog";
      Files.createDirectories(home.resolve(core));
      PathUtils.copyDirectory(
          configsets.resolve(configset).resolve("conf"), home.resolve(core).resolve("conf"));
    }
    Files.writeString(home.resolve("solr.xml"), "<solr></solr>");
    return home;
  }
}
