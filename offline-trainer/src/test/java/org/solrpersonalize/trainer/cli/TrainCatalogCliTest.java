package org.solrpersonalize.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;

/** {@code train --catalog}, {@code export} of its content items, {@code evaluate --cold-items}. */
class TrainCatalogCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The tiny log's 10 items in groups a and b, and a new item of each group. */
  private Path catalog(String extraLine) throws IOException {
    StringBuilder csv = new StringBuilder("id,title,category\n");
    for (String group : List.of("a", "b")) {
      for (int i = 0; i <= 5; i++) {
        csv.append(group)
            .append(i)
            .append(",Item ")
            .append(group)
            .append(i)
            .append(',')
            .append(group.equals("a") ? "Kitchen|Sale" : "Toys")
            .append('\n');
        if (i == 2 && group.equals("a")) {
          csv.append(extraLine);
        }
      }
    }
    Path file = dir.resolve("catalog.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void newCatalogItemsAreTrainedExportedAndCounted() throws IOException {
    Path log = TrainerCliRoundTripTest.writeTinyLog(dir);
    Path model = dir.resolve("model");
    CliRun train =
        CliRun.train(
            log,
            model,
            "--factors",
            "4",
            "--regularization",
            "0.1",
            "--alpha",
            "10",
            "--clusters",
            "2",
            "--catalog",
            catalog("").toString(),
            "--content-fields",
            "title,category",
            "--content-regularization",
            "1",
            "--no-progress");
    assertEquals(0, train.exitCode(), train.err());
    assertTrue(
        train.err().contains("catalog: 12 items (12 lines, 0 rejected, 0 repeated ids)"),
        train.err());
    ModelManifest manifest = ModelDirectory.readManifest(model);
    assertEquals(12, manifest.items());
    assertEquals(2, manifest.contentItems());
    assertEquals("title,category", manifest.hyperparameters().get("contentFields"));
    ModelDirectory.Model stored = ModelDirectory.read(model);
    assertEquals(List.of("a5", "b5"), stored.itemIds().subList(10, 12));

    Path exported = dir.resolve("export");
    CliRun export = CliRun.of("export", "--model", model.toString(), "--out", exported.toString());
    assertEquals(0, export.exitCode(), export.err());
    assertTrue(export.out().contains("12 items (2 of them predicted from content)"), export.out());
    List<String> items = Files.readAllLines(exported.resolve("items.tsv"));
    assertEquals(12, items.size());
    assertTrue(items.get(11).startsWith("b5\t"), items.get(11));
  }

  @Test
  void coldItemEvaluationReportsTheContentMapBesideTheBaselines() throws IOException {
    Path log = TrainerCliRoundTripTest.writeTinyLog(dir);
    CliRun evaluate =
        CliRun.evaluate(
            log,
            "--factors",
            "4",
            "--catalog",
            catalog("").toString(),
            "--content-fields",
            "title,category",
            "--cold-items",
            "0.2",
            "--json",
            "--no-progress");
    assertEquals(0, evaluate.exitCode(), evaluate.err());
    JsonNode report = JSON.readTree(evaluate.out());
    assertEquals(2, report.get("heldOutItems").asInt());
    assertEquals(0.2, report.get("fraction").asDouble());
    assertTrue(report.get("ndcg").isNumber(), report.toString());
    assertTrue(report.get("categoryPopularityNdcg").isNumber(), report.toString());
  }

  @Test
  void badCatalogLinesAreNamedByFileAndLine() throws IOException {
    Path log = TrainerCliRoundTripTest.writeTinyLog(dir);
    Path catalog = catalog("x9,\"Broken,Toys\n");
    String[] flags = {
      "--catalog",
      catalog.toString(),
      "--content-fields",
      "title,category",
      "--clusters",
      "0",
      "--no-progress"
    };
    CliRun run = CliRun.train(log, dir.resolve("m"), flags);
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals("error: " + catalog + ":5: unterminated quoted field\n", run.err());

    String[] tolerant = Arrays.copyOf(flags, flags.length + 2);
    tolerant[flags.length] = "--max-errors";
    tolerant[flags.length + 1] = "1";
    run = CliRun.train(log, dir.resolve("m"), tolerant);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains(catalog + ":5: unterminated quoted field\n"), run.err());

    run = CliRun.train(log, dir.resolve("m2"), "--content-fields", "title");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals("error: --content-fields needs --catalog\n", run.err());

    run = CliRun.evaluate(log, "--cold-items", "0.1");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals("error: --cold-items needs --catalog and --content-fields\n", run.err());

    run = CliRun.evaluate(log, "--catalog", catalog.toString(), "--content-fields", "title");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals("error: evaluate uses --catalog with --cold-items only\n", run.err());
  }
}
