package org.solrpersonalize.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.common.SolrInputDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real embedded Solr over HTTP; each start takes a few seconds. */
class EmbeddedSolrTest {
  private static final String DIRECTORY_FACTORY = "solr.directoryFactory";
  private static String surefireDirectoryFactory;

  @TempDir Path dir;

  /** Surefire's MockDirectoryFactory keeps indexes in memory; a restart test needs disk. */
  @BeforeAll
  static void useDiskDirectories() {
    surefireDirectoryFactory = System.clearProperty(DIRECTORY_FACTORY);
  }

  @AfterAll
  static void restoreDirectoryFactory() {
    if (surefireDirectoryFactory != null) {
      System.setProperty(DIRECTORY_FACTORY, surefireDirectoryFactory);
    }
  }

  @Test
  void bothCoresAnswerOverHttpAndDocumentsSurviveARestart() throws Exception {
    Path data = dir.resolve("data");
    EmbeddedSolrConfig config =
        new EmbeddedSolrConfig(0, data, TestConfigsets.copy(dir.resolve("configsets")));
    try (EmbeddedSolr solr = EmbeddedSolr.start(config)) {
      assertTrue(solr.createdDataDir());
      assertEquals("3\n", Files.readString(data.resolve("layout-version")));
      assertEquals("http://127.0.0.1:" + solr.port() + "/solr", solr.url());
      try (SolrClient client = new Http2SolrClient.Builder(solr.url()).build()) {
        client.add(
            EmbeddedSolr.CATALOG,
            List.of(
                product("p1", "Trailmax Waterproof Trail Running Shoe"),
                product("p2", "Brewhaus Compact Espresso Machine")));
        client.commit(EmbeddedSolr.CATALOG);
        SolrInputDocument user = new SolrInputDocument();
        user.setField("id", "m1/u1");
        user.setField("pz_type", "user");
        client.add(EmbeddedSolr.USERS, user);
        client.commit(EmbeddedSolr.USERS);
      }
      assertEquals(new Hits(1, List.of("p1")), search(solr, "catalog", "waterproof"));
      assertEquals(new Hits(1, List.of("m1/u1")), search(solr, "users", "pz_type:user"));
    }

    try (EmbeddedSolr again = EmbeddedSolr.start(config)) {
      assertFalse(again.createdDataDir());
      assertEquals(List.of(), again.refreshedConfigsets());
      assertEquals(2, again.documentCount(EmbeddedSolr.CATALOG));
      assertEquals(1, again.documentCount(EmbeddedSolr.USERS));
      assertEquals(new Hits(1, List.of("p2")), search(again, "catalog", "espresso"));
    }
  }

  @Test
  void aPortInUseIsOneLine() throws Exception {
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = busy.getLocalPort();
      String expected =
          "port "
              + port
              + " on 127.0.0.1 is already in use (another Solr running?);"
              + " stop it or choose another port with --port";
      EmbeddedSolrConfig config =
          new EmbeddedSolrConfig(port, dir.resolve("data"), TestConfigsets.repository());
      assertEquals(
          expected,
          assertThrows(LauncherException.class, () -> EmbeddedSolr.start(config)).getMessage());

      LauncherRun run = LauncherRun.of(port, dir.resolve("data"));
      assertEquals(1, run.exitCode());
      assertEquals("solr: " + expected + System.lineSeparator(), run.err());
    }
  }

  @Test
  void aCoreThatDoesNotLoadIsOneLineAndStopsSolr() throws Exception {
    Path configsets = TestConfigsets.copy(dir.resolve("configsets"));
    Files.writeString(configsets.resolve("catalog/conf/schema.xml"), "<schema name=\"catalog\">");
    Path data = dir.resolve("data");
    LauncherException e =
        assertThrows(
            LauncherException.class,
            () -> EmbeddedSolr.start(new EmbeddedSolrConfig(0, data, configsets)));
    assertTrue(e.getMessage().startsWith("core 'catalog' did not load: "), e.getMessage());
    assertTrue(
        e.getMessage().endsWith(" (details in " + EmbeddedSolr.logFile() + ")"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private static SolrInputDocument product(String id, String title) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField("id", id);
    doc.setField("title", title);
    doc.setField("category", "Test");
    doc.setField("price", 10.99f);
    return doc;
  }

  private record Hits(long numFound, List<String> ids) {}

  /** A plain HTTP request, like the curl example the launcher prints. */
  private static Hits search(EmbeddedSolr solr, String core, String query)
      throws IOException, InterruptedException {
    URI uri =
        URI.create(
            solr.coreUrl(core)
                + "/select?fl=id&wt=json&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    JsonNode result = new ObjectMapper().readTree(response.body()).get("response");
    List<String> ids = new ArrayList<>();
    result.get("docs").forEach(doc -> ids.add(doc.get("id").asText()));
    return new Hits(result.get("numFound").asLong(), ids);
  }
}
