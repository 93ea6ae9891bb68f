package org.solrpersonalize.install;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.solrpersonalize.launcher.TestConfigsets;

/**
 * A Solr installed as README's "Installing into an existing Solr 9" says: the shaded plugin jar in
 * {@code <solr_home>/lib}, the configsets in {@code <solr_home>/configsets}, Solr's JVM started
 * with {@code --add-modules jdk.incubator.vector}, and no core yet (the test creates them).
 *
 * <p>Solr runs in a JVM of its own. Its classpath is Solr's alone: the file that the build writes
 * from this module's test classpath without our artifacts, EJML and the trainer's CLI libraries
 * (src-test/pom.xml), plus this module's test classes for {@link InstalledSolr}. A test-JVM Solr
 * would see the plugin's classes through the classpath of the test (which the trainer and the
 * launcher need), and a class found there would hide a class missing from the jar.
 */
record SolrWithInstalledPlugin(Process process, Path home, int port) implements AutoCloseable {
  static final String PLUGIN_JAR_PROPERTY = "pz.solrPluginJar";
  static final String SOLR_CLASSPATH_PROPERTY = "pz.solrOnlyClasspath";
  private static final long START_TIMEOUT_MS = 120_000;
  private static final String SOLR_XML =
      """
      <?xml version="1.0" encoding="UTF-8" ?>
      <solr>
        <str name="configSetBaseDir">configsets</str>
      </solr>
      """;

  /** Installs into a new Solr home {@code home} and starts Solr; returns once it answers. */
  static SolrWithInstalledPlugin start(Path home, Path configsets) throws Exception {
    Files.createDirectories(home.resolve("lib"));
    Path jar = requiredFile(PLUGIN_JAR_PROPERTY);
    Files.copy(jar, home.resolve("lib").resolve(jar.getFileName()));
    Files.writeString(home.resolve("solr.xml"), SOLR_XML, StandardCharsets.UTF_8);
    for (String configset : List.of("catalog", "users")) {
      TestConfigsets.copyTree(
          configsets.resolve(configset), home.resolve("configsets").resolve(configset));
    }
    String solrClasspath =
        Files.readString(requiredFile(SOLR_CLASSPATH_PROPERTY), StandardCharsets.UTF_8).strip();
    Path testClasses =
        Path.of(InstalledSolr.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "--add-modules",
                "jdk.incubator.vector",
                "-Djava.io.tmpdir=" + home,
                "-Dsolr.log.dir=" + home.resolve("logs"),
                "-cp",
                solrClasspath + java.io.File.pathSeparator + testClasses,
                InstalledSolr.class.getName(),
                home.toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("solr-jvm.out").toFile())
            .start();
    Path portFile = home.resolve("port");
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (!Files.exists(portFile)) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "Solr did not start; its output:\n"
                + Files.readString(home.resolve("solr-jvm.out"), StandardCharsets.UTF_8));
      }
      Thread.sleep(100);
    }
    int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8));
    return new SolrWithInstalledPlugin(process, home, port);
  }

  /** For example {@code http://127.0.0.1:41234/solr}. */
  String baseUrl() {
    return "http://127.0.0.1:" + port + "/solr";
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close(); // InstalledSolr stops at the end of its input
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static Path requiredFile(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      throw new IllegalStateException(
          "system property "
              + property
              + " must name a built file"
              + " (src-test/pom.xml sets it; run through Maven after the package phase), got "
              + value);
    }
    return Path.of(value);
  }
}
