package org.solrpersonalize.trainer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest {
  @TempDir Path dir;

  @Test
  void writtenProductsReadBackEqual() throws IOException {
    CatalogGenerator catalog = new CatalogGenerator(CatalogVocabulary.bundled(), 42);
    Path file = dir.resolve("catalog.jsonl");
    CatalogFile.write(file, 50, catalog::product);
    List<Product> read = new ArrayList<>();
    CatalogFile.read(file, read::add);
    assertEquals(50, read.size());
    for (int i = 0; i < 50; i++) {
      assertEquals(catalog.product(i), read.get(i));
    }
    assertEquals(50, Files.readAllLines(file).size());
  }

  @Test
  void exactLineFormat() throws IOException {
    Path file = dir.resolve("one.jsonl");
    Product product =
        new Product(
            "p1",
            "Trailmax \"Fast\" Shoe",
            "Light.",
            "Running Shoes",
            "Trailmax",
            9.99,
            3,
            List.of("running", "new"),
            "runner");
    CatalogFile.write(file, 1, i -> product);
    assertEquals(
        "{\"id\":\"p1\",\"title\":\"Trailmax \\\"Fast\\\" Shoe\",\"description\":\"Light.\","
            + "\"category\":\"Running Shoes\",\"brand\":\"Trailmax\",\"price\":9.99,\"stock\":3,"
            + "\"tags\":[\"running\",\"new\"],\"segment\":\"runner\"}\n",
        Files.readString(file));
  }

  /** Absent optional fields are written as JSON nulls, as the hand-written writer did. */
  @Test
  void absentFieldsAreNullsAndEachProductItsOwnLine() throws IOException {
    Path file = dir.resolve("two.jsonl");
    Product bare = new Product("p2", "Mug", null, "Kitchen", null, 0, 0, null, "cook");
    CatalogFile.write(file, 2, i -> bare);
    String line =
        "{\"id\":\"p2\",\"title\":\"Mug\",\"description\":null,\"category\":\"Kitchen\","
            + "\"brand\":null,\"price\":0.0,\"stock\":0,\"tags\":[],\"segment\":\"cook\"}\n";
    assertEquals(line + line, Files.readString(file));
  }

  @Test
  void badLineIsReportedWithFileAndLine() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"p1\",\"title\":\"T\",\"category\":\"C\",\"price\":1,\"stock\":1,\"segment\":\"s\"}\n"
            + "\n"
            + "{\"id\":\"p2\",\"title\":\"T\",\"category\":\"C\",\"price\":-1,\"stock\":1,\"segment\":\"s\"}\n");
    List<Product> read = new ArrayList<>();
    IOException e = assertThrows(IOException.class, () -> CatalogFile.read(file, read::add));
    assertEquals(file + ":3: product p2: price must be >= 0, got -1.0", e.getMessage());
    assertEquals(1, read.size());
  }

  @Test
  void malformedJsonIsReportedWithFileAndLine() throws IOException {
    Path file = dir.resolve("broken.jsonl");
    Files.writeString(file, "{\"id\":\"p1\",\n");
    IOException e = assertThrows(IOException.class, () -> CatalogFile.read(file, p -> {}));
    assertTrue(e.getMessage().startsWith(file + ":1: "), e.getMessage());
  }
}
