package org.solrpersonalize.trainer.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.solrpersonalize.format.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export}: a model as plain text any tool can read. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write users.tsv and items.tsv (id<TAB>f1,f2,...) and gmm.json of a model.")
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "Model directory.")
  Path model;

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Override
  public Integer call() {
    try {
      ModelDirectory.Model m = ModelDirectory.read(model);
      Files.createDirectories(out);
      write(out.resolve("users.tsv"), m.userIds(), m.userFactors(), m.k());
      write(out.resolve("items.tsv"), m.itemIds(), m.itemFactors(), m.k());
      if (Files.exists(model.resolve("gmm.json"))) {
        Files.copy(model.resolve("gmm.json"), out.resolve("gmm.json"), StandardCopyOption.REPLACE_EXISTING);
      }
      System.out.println("exported " + m.manifest().modelId() + " to " + out);
      return 0;
    } catch (IOException e) {
      System.err.println("export: " + e.getMessage());
      return 2;
    }
  }

  private static void write(Path file, List<String> ids, float[] factors, int k) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int r = 0; r < ids.size(); r++) {
        w.write(ids.get(r));
        w.write('\t');
        for (int j = 0; j < k; j++) {
          if (j > 0) {
            w.write(',');
          }
          w.write(Float.toString(factors[r * k + j]));
        }
        w.write('\n');
      }
    }
  }
}
