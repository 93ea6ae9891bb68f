package org.solrpersonalize.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheThreeFilesAndReportsCounts() throws Exception {
    CliRun run =
        CliRun.of(
            "generate",
            "--products",
            "300",
            "--users",
            "20",
            "--seed",
            "7",
            "--out",
            dir.resolve("data").toString());
    String out = run.out();
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
    assertEquals(21, Files.readAllLines(dir.resolve("data/users.csv")).size());
    assertEquals(300, Files.readAllLines(dir.resolve("data/catalog.jsonl")).size());
    assertTrue(out.contains("catalog.jsonl     300 products in 20 categories"), out);
    assertTrue(out.contains("users.csv         20 users in 8 taste segments"), out);
  }

  @Test
  void tooFewProductsIsAUsageError() {
    CliRun run = CliRun.of("generate", "--products", "10", "--out", dir.toString());
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals("error: --products must be in [100, 10000000], got 10\n", run.err());
    assertEquals("", run.out());
  }
}
