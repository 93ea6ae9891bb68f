package org.solrpersonalize.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jar an admin installs holds our plugin, the contract module and EJML (the org.ejml artifacts,
 * pabeles.concurrency included), and nothing that Solr already ships: a second copy of a Solr,
 * Lucene or Jackson class could be loaded beside Solr's.
 */
class SolrPluginJarTest {
  /** EJML's own thread helper, inside the ejml-core jar. */
  private static final String EJML_CONCURRENCY = "pabeles/concurrency/";

  @Test
  void holdsOurClassesTheContractModuleAndEjmlOnly() throws Exception {
    Set<String> packages = new TreeSet<>();
    Set<String> classes = new TreeSet<>();
    Set<String> strayEntries = new TreeSet<>();
    try (ZipFile jar =
        new ZipFile(
            SolrWithInstalledPlugin.requiredFile(SolrWithInstalledPlugin.PLUGIN_JAR_PROPERTY)
                .toFile())) {
      for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
        String name = entry.getName();
        if (entry.isDirectory() || name.startsWith("META-INF/")) {
          continue;
        }
        if (!name.endsWith(".class")) {
          strayEntries.add(name);
          continue;
        }
        classes.add(name);
        if (name.startsWith("org/solrpersonalize/")) {
          packages.add(name.substring(0, name.indexOf('/', "org/solrpersonalize/".length())));
        } else if (!name.startsWith("org/ejml/") && !name.startsWith(EJML_CONCURRENCY)) {
          strayEntries.add(name);
        }
      }
    }
    assertEquals(Set.of(), strayEntries, "entries that are neither ours nor EJML's");
    assertEquals(
        Set.of(
            "org/solrpersonalize/solr", "org/solrpersonalize/format", "org/solrpersonalize/math"),
        packages,
        "the plugin (solr) and the contract module (format, math), no trainer code");
    for (String required :
        List.of(
            "org/solrpersonalize/solr/search/PersonalizeQParserPlugin.class",
            "org/solrpersonalize/solr/response/PersonalizeTransformerFactory.class",
            "org/solrpersonalize/format/ModelFields.class",
            "org/solrpersonalize/math/AlsFoldIn.class",
            "org/ejml/data/DMatrixRMaj.class")) {
      assertTrue(classes.contains(required), required + " missing from the jar");
    }
  }
}
