package org.solrpersonalize.trainer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
  @TempDir Path dir;

  @Test
  void writesTheThreeFilesAndReportsCounts() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new GenerateCommand()).setOut(new PrintWriter(out));
    int exit = command.execute("--products", "300", "--users", "20", "--seed", "7",
        "--out", dir.resolve("data").toString());
    assertEquals(0, exit, out.toString());
    assertEquals(21, Files.readAllLines(dir.resolve("data/users.csv")).size());
    assertEquals(300, Files.readAllLines(dir.resolve("data/catalog.jsonl")).size());
    assertTrue(out.toString().contains("catalog.jsonl     300 products in 20 categories"), out.toString());
    assertTrue(out.toString().contains("users.csv         20 users in 8 taste segments"), out.toString());
  }

  @Test
  void tooFewProductsIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new GenerateCommand()).setErr(new PrintWriter(err));
    int exit = command.execute("--products", "10", "--out", dir.toString());
    assertEquals(2, exit);
    assertTrue(err.toString().startsWith("--products must be in [100, 10000000], got 10"),
        err.toString());
  }
}
