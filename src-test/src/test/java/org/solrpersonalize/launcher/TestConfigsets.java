package org.solrpersonalize.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies of the repository's configsets for tests that start Solr or alter a configset. */
public final class TestConfigsets {
  private TestConfigsets() {}

  /** The repository's configsets folder, as surefire passes it. */
  public static Path repository() {
    String dir = System.getProperty(EmbeddedSolrConfig.CONFIGSETS_PROPERTY);
    if (dir == null) {
      throw new IllegalStateException(
          "system property configsets.dir is not set (surefire sets it)");
    }
    return Path.of(dir);
  }

  /** A copy of the repository's configsets in {@code target}, which the test may alter. */
  static Path copy(Path target) throws IOException {
    return copyTree(repository(), target);
  }

  /** Copies the folder {@code source} with everything below it to {@code target}. */
  public static Path copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path from : (Iterable<Path>) walk::iterator) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return target;
  }
}
