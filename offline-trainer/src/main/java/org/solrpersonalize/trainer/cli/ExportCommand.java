package org.solrpersonalize.trainer.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.TrainedModel;
import org.solrpersonalize.trainer.data.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code export}: a model directory as plain text any tool can read: {@code users.tsv} and {@code
 * items.tsv} with lines {@code id<TAB>f1,f2,...}, plus copies of {@code gmm.json} (when the model
 * has a mixture) and {@code manifest.json}.
 *
 * <pre>
 * bin/trainer export --model models/m1 --out export/m1
 * </pre>
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Writes users.tsv, items.tsv (id<TAB>f1,f2,...) and gmm.json from a model directory.")
final class ExportCommand extends ConsoleCommand {
  static final String USERS_TSV = "users.tsv";
  static final String ITEMS_TSV = "items.tsv";
  static final String GMM_JSON = TrainedModel.GMM_JSON;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Model directory written by train (required; no default).")
  Path model;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Directory to write the text files into (required; no default).")
  Path out;

  @Override
  public Integer call() throws IOException {
    ModelDirectory.Model m = read(model);
    Files.createDirectories(out);
    writeVectors(out.resolve(USERS_TSV), m.userIds(), m.userFactors(), m.k());
    writeVectors(out.resolve(ITEMS_TSV), m.itemIds(), m.itemFactors(), m.k());
    Path gmm = model.resolve(GMM_JSON);
    if (Files.exists(gmm)) {
      Files.copy(gmm, out.resolve(GMM_JSON), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.copy(
        model.resolve(ModelDirectory.MANIFEST),
        out.resolve(ModelDirectory.MANIFEST),
        StandardCopyOption.REPLACE_EXISTING);
    console()
        .out()
        .printf(
            Locale.ROOT,
            "exported %s: %d users, %d items (%d of them predicted from content), k=%d to %s%n",
            m.manifest().modelId(),
            m.userIds().size(),
            m.itemIds().size(),
            m.manifest().contentItems(),
            m.k(),
            out);
    return 0;
  }

  /** Reads a model directory; a damaged one is bad input, named by the reader's message. */
  /** Reads a model directory; a malformed one is bad input, a missing file a file error. */
  static ModelDirectory.Model read(Path dir) throws IOException {
    try {
      return ModelDirectory.read(dir);
    } catch (FileSystemException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  /** One line per row: the id, a tab, the k values separated by commas (shortest exact form). */
  static void writeVectors(Path file, List<String> ids, float[] vectors, int k) throws IOException {
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      for (int row = 0; row < ids.size(); row++) {
        line.setLength(0);
        line.append(ids.get(row)).append('\t');
        for (int j = 0; j < k; j++) {
          if (j > 0) {
            line.append(',');
          }
          line.append(vectors[row * k + j]);
        }
        line.append('\n');
        writer.write(line.toString());
      }
    }
  }
}
