package org.solrpersonalize.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.util.IOUtils;

/**
 * The data folder of the embedded Solr, a Solr home that survives restarts:
 *
 * <pre>
 * solr-data/
 *   layout-version        the layout of this folder, {@value #LAYOUT_VERSION}
 *   solr.xml              rewritten at every start
 *   configsets/catalog/   installed from the repository's configsets/, refreshed when they change
 *   configsets/users/
 *   cores/catalog/        core.properties and the index
 *   cores/users/
 *   logs/solr.log
 * </pre>
 *
 * A folder written with another layout is refused with a one-line explanation rather than
 * half-read.
 */
final class SolrHome {
  /**
   * 2: the catalog's slot fields became docValues-only with a long model tag (in-place publish). 3:
   * an item's factors and cluster log-densities share one field per slot ({@code pz_item_s}).
   */
  static final int LAYOUT_VERSION = 3;

  static final String LAYOUT_FILE = "layout-version";
  static final String CONFIGSETS = "configsets";
  static final String CORES = "cores";

  private static final String SOLR_XML =
      """
      <?xml version="1.0" encoding="UTF-8" ?>
      <!-- Written by the solr-personalize launcher at every start: edits are lost. -->
      <solr>
        <str name="coreRootDirectory">cores</str>
        <str name="configSetBaseDir">configsets</str>
        <int name="maxBooleanClauses">${solr.max.booleanClauses:1024}</int>
      </solr>
      """;

  private final Path dir;
  private final boolean created;
  private final List<String> refreshedConfigsets;

  private SolrHome(Path dir, boolean created, List<String> refreshedConfigsets) {
    this.dir = dir;
    this.created = created;
    this.refreshedConfigsets = List.copyOf(refreshedConfigsets);
  }

  /**
   * Checks the layout of {@code dir} (creating it if missing), writes solr.xml, installs or
   * refreshes the configsets of {@code cores} from {@code configsetsDir} and declares the cores.
   */
  static SolrHome prepare(Path dir, Path configsetsDir, List<String> cores) {
    for (String core : cores) {
      requireConfigset(configsetsDir, core);
    }
    try {
      boolean created = checkLayout(dir);
      Files.createDirectories(dir);
      if (created) {
        Files.writeString(dir.resolve(LAYOUT_FILE), LAYOUT_VERSION + "\n");
      }
      Files.writeString(dir.resolve("solr.xml"), SOLR_XML);
      List<String> refreshed = new ArrayList<>();
      for (String core : cores) {
        if (installConfigset(configsetsDir.resolve(core), dir.resolve(CONFIGSETS).resolve(core))
            && !created) {
          refreshed.add(core);
        }
        declareCore(dir.resolve(CORES).resolve(core), core);
      }
      return new SolrHome(dir, created, refreshed);
    } catch (IOException e) {
      throw new LauncherException("cannot prepare data folder " + dir + ": " + e, e);
    }
  }

  Path dir() {
    return dir;
  }

  /** True when this start created the folder. */
  boolean created() {
    return created;
  }

  /** Configsets that differed from the repository's and were replaced at this start. */
  List<String> refreshedConfigsets() {
    return refreshedConfigsets;
  }

  /** Returns true for a new (missing or empty) folder; throws for a folder of another layout. */
  private static boolean checkLayout(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      throw new LauncherException("data folder " + dir + " is a file; choose a folder with --data");
    }
    Path layoutFile = dir.resolve(LAYOUT_FILE);
    if (!Files.exists(layoutFile)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isEmpty()) {
          return true;
        }
      }
      if (Files.exists(dir.resolve("solr.xml"))) {
        throw olderLayout(dir, 0);
      }
      throw new LauncherException(
          "data folder "
              + dir
              + " is not empty and has no "
              + LAYOUT_FILE
              + " file, so it is not a data folder of this launcher;"
              + " choose another folder with --data");
    }
    String text = Files.readString(layoutFile, StandardCharsets.UTF_8).strip();
    int layout;
    try {
      layout = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new LauncherException(
          layoutFile
              + " must hold a layout number, got '"
              + text
              + "'; delete the data folder"
              + " to start fresh or choose another folder with --data");
    }
    if (layout < LAYOUT_VERSION) {
      throw olderLayout(dir, layout);
    }
    if (layout > LAYOUT_VERSION) {
      throw new LauncherException(
          "data folder "
              + dir
              + " has layout "
              + layout
              + ", newer than this launcher's layout "
              + LAYOUT_VERSION
              + "; use the newer launcher or choose another folder with --data");
    }
    return false;
  }

  private static LauncherException olderLayout(Path dir, int layout) {
    return new LauncherException(
        "data folder "
            + dir
            + " has the older layout "
            + layout
            + " (this launcher uses layout "
            + LAYOUT_VERSION
            + "); delete it to start fresh"
            + " (rm -r "
            + dir
            + ") or choose another folder with --data");
  }

  private static void requireConfigset(Path configsetsDir, String core) {
    for (String file : List.of("solrconfig.xml", "schema.xml")) {
      if (!Files.isRegularFile(configsetsDir.resolve(core).resolve("conf").resolve(file))) {
        throw new LauncherException(
            "configsets folder "
                + configsetsDir
                + " has no "
                + core
                + "/conf/"
                + file
                + "; pass the repository's configsets folder with --configsets");
      }
    }
  }

  /** Copies {@code source} to {@code target} unless identical; returns true if it copied. */
  private static boolean installConfigset(Path source, Path target) throws IOException {
    Map<Path, byte[]> wanted = contents(source);
    if (Files.isDirectory(target) && sameContents(wanted, contents(target))) {
      return false;
    }
    IOUtils.rm(target); // recursive; a missing target is fine
    for (Map.Entry<Path, byte[]> file : wanted.entrySet()) {
      Path destination = target.resolve(file.getKey().toString());
      Files.createDirectories(destination.getParent());
      Files.write(destination, file.getValue());
    }
    return true;
  }

  private static void declareCore(Path coreDir, String core) throws IOException {
    Path properties = coreDir.resolve("core.properties");
    if (!Files.exists(properties)) {
      Files.createDirectories(coreDir);
      Files.writeString(properties, "name=" + core + "\nconfigSet=" + core + "\n");
    }
  }

  private static Map<Path, byte[]> contents(Path root) throws IOException {
    Map<Path, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        files.put(root.relativize(file), Files.readAllBytes(file));
      }
    }
    return files;
  }

  private static boolean sameContents(Map<Path, byte[]> a, Map<Path, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
  }
}
