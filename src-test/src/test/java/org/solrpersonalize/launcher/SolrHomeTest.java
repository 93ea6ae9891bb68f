package org.solrpersonalize.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder's layout checks and configset installation; no Solr is started. */
class SolrHomeTest {
  private static final List<String> CORES = EmbeddedSolr.CORES;

  @TempDir Path dir;

  @Test
  void aNewFolderGetsLayoutSolrXmlConfigsetsAndCores() throws IOException {
    Path data = dir.resolve("data");
    SolrHome home = SolrHome.prepare(data, TestConfigsets.repository(), CORES);
    assertTrue(home.created());
    assertEquals("3\n", Files.readString(data.resolve("layout-version")));
    assertTrue(Files.readString(data.resolve("solr.xml")).contains("coreRootDirectory"));
    assertEquals(
        Files.readString(TestConfigsets.repository().resolve("users/conf/schema.xml")),
        Files.readString(data.resolve("configsets/users/conf/schema.xml")));
    assertEquals(
        "name=catalog\nconfigSet=catalog\n",
        Files.readString(data.resolve("cores/catalog/core.properties")));
    assertTrue(Files.exists(data.resolve("configsets/catalog/conf/lang/stopwords_en.txt")));
  }

  @Test
  void aChangedConfigsetIsRefreshedAtTheNextStart() throws IOException {
    Path configsets = TestConfigsets.copy(dir.resolve("configsets"));
    Path data = dir.resolve("data");
    SolrHome.prepare(data, configsets, CORES);
    SolrHome unchanged = SolrHome.prepare(data, configsets, CORES);
    assertFalse(unchanged.created());
    assertEquals(List.of(), unchanged.refreshedConfigsets());

    Files.writeString(configsets.resolve("catalog/conf/extra.txt"), "new file");
    Files.delete(configsets.resolve("catalog/conf/lang/stopwords_en.txt"));
    assertEquals(
        List.of("catalog"), SolrHome.prepare(data, configsets, CORES).refreshedConfigsets());
    assertTrue(Files.exists(data.resolve("configsets/catalog/conf/extra.txt")));
    assertFalse(Files.exists(data.resolve("configsets/catalog/conf/lang/stopwords_en.txt")));
  }

  @Test
  void aFolderWithoutLayoutFileButWithSolrXmlIsAnOlderLayout() throws IOException {
    Path data = Files.createDirectories(dir.resolve("old"));
    Files.writeString(data.resolve("solr.xml"), "<solr/>");
    assertEquals(
        "data folder "
            + data
            + " has the older layout 0 (this launcher uses layout 3);"
            + " delete it to start fresh (rm -r "
            + data
            + ") or choose another folder with --data",
        refusal(data));
  }

  @Test
  void anOlderLayoutNumberIsExplained() throws IOException {
    Path data = Files.createDirectories(dir.resolve("old"));
    Files.writeString(data.resolve("layout-version"), "0\n");
    assertTrue(refusal(data).startsWith("data folder " + data + " has the older layout 0 "));
  }

  @Test
  void aNewerLayoutIsExplained() throws IOException {
    Path data = Files.createDirectories(dir.resolve("new"));
    Files.writeString(data.resolve("layout-version"), "4\n");
    assertEquals(
        "data folder "
            + data
            + " has layout 4, newer than this launcher's layout 3;"
            + " use the newer launcher or choose another folder with --data",
        refusal(data));
  }

  @Test
  void aForeignFolderIsNotTouched() throws IOException {
    Path data = Files.createDirectories(dir.resolve("photos"));
    Files.writeString(data.resolve("holiday.jpg"), "not solr");
    assertEquals(
        "data folder "
            + data
            + " is not empty and has no layout-version file, so it is"
            + " not a data folder of this launcher; choose another folder with --data",
        refusal(data));
    assertFalse(Files.exists(data.resolve("solr.xml")));
  }

  @Test
  void aMissingConfigsetIsExplained() {
    Path empty = dir.resolve("no-configsets");
    LauncherException e =
        assertThrows(
            LauncherException.class, () -> SolrHome.prepare(dir.resolve("data"), empty, CORES));
    assertEquals(
        "configsets folder "
            + empty
            + " has no catalog/conf/solrconfig.xml;"
            + " pass the repository's configsets folder with --configsets",
        e.getMessage());
  }

  @Test
  void theLauncherPrintsTheOlderLayoutOnOneLine() throws IOException {
    Path data = Files.createDirectories(dir.resolve("old"));
    Files.writeString(data.resolve("solr.xml"), "<solr/>");
    StringWriter err = new StringWriter();
    int exit =
        SolrLauncher.commandLine()
            .setErr(new PrintWriter(err))
            .setOut(new PrintWriter(new StringWriter()))
            .execute(
                "--port",
                "0",
                "--data",
                data.toString(),
                "--configsets",
                TestConfigsets.repository().toString());
    assertEquals(1, exit);
    assertEquals("solr: " + refusal(data) + System.lineSeparator(), err.toString());
  }

  private static String refusal(Path data) {
    return assertThrows(
            LauncherException.class,
            () -> SolrHome.prepare(data, TestConfigsets.repository(), CORES))
        .getMessage();
  }
}
