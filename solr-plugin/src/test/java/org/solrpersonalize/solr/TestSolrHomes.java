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

  /**
   * Writes the schema of {@code core} under {@code home} without {@code field}'s declaration (a
   * store created before the field), and returns it.
   */
  public static String withoutField(Path home, String core, String field) throws IOException {
    Path schemaFile = home.resolve(core).resolve("conf").resolve("schema.xml");
    String schema = withoutField(Files.readString(schemaFile), field);
    Files.writeString(schemaFile, schema);
    return schema;
  }

  /** {@code schema} without {@code field}'s declaration, which it must have. */
  public static String withoutField(String schema, String field) {
    String without = schema.replaceAll("<field name=\"" + field + "\"[^>]*/>", "");
    if (without.equals(schema)) {
      throw new AssertionError("the schema declares no " + field);
    }
    return without;
  }
}
