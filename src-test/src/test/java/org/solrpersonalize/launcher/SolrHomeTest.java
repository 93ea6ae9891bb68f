package org.solrpersonalize.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  /** Folders this launcher refuses: the one file in each, and why ({@code %1$s}: the folder). */
  static Stream<Arguments> foldersOfAnotherLayout() {
    String older =
        "data folder %1$s has the older layout 0 (this launcher uses layout 3);"
            + " delete it to start fresh (rm -r %1$s) or choose another folder with --data";
    return Stream.of(
        Arguments.of("solr.xml", "<solr/>", older),
        Arguments.of("layout-version", "0\n", older),
        Arguments.of(
            "layout-version",
            "4\n",
            "data folder %1$s has layout 4, newer than this launcher's layout 3;"
                + " use the newer launcher or choose another folder with --data"),
        Arguments.of(
            "holiday.jpg",
            "not solr",
            "data folder %1$s is not empty and has no layout-version file, so it is"
                + " not a data folder of this launcher; choose another folder with --data"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("foldersOfAnotherLayout")
  void aFolderOfAnotherLayoutIsExplainedAndNotTouched(String file, String content, String expected)
      throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve(file), content);
    assertEquals(String.format(Locale.ROOT, expected, data), refusal(data));
    try (Stream<Path> files = Files.list(data)) {
      assertEquals(List.of(data.resolve(file)), files.toList());
    }
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
    LauncherRun run = LauncherRun.of(0, data);
    assertEquals(1, run.exitCode());
    assertEquals("solr: " + refusal(data) + System.lineSeparator(), run.err());
  }

  private static String refusal(Path data) {
    return assertThrows(
            LauncherException.class,
            () -> SolrHome.prepare(data, TestConfigsets.repository(), CORES))
        .getMessage();
  }
}
