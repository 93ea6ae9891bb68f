package org.solrpersonalize.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  /** The message of the refusal to load {@code file} with {@code --max-errors maxErrors}. */
  private static String refusal(Path file, long maxErrors, String... fields) {
    return assertThrows(
            BadInputException.class, () -> loader(maxErrors, new ArrayList<>(), fields).load(file))
        .getMessage();
  }

  private static CatalogLoader loader(long maxErrors, List<String> errors, String... fields) {
    return new CatalogLoader(
        "id",
        List.of(fields),
        new LoadOptions(ColumnNames.DEFAULT, EventWeights.DEFAULT, maxErrors),
        errors::add);
  }

  @Test
  void csvSplitsMultiValuedFieldsOnBarsAndKeepsTheFirstOfARepeatedId() throws IOException {
    Path file =
        write(
            "catalog.csv",
            "id,title,genres,price\n"
                + "m1,\"Toy Story, the film\",Animation|Children| ,9\n"
                + "m2,Heat,,3\n"
                + "m1,Other title,Drama,1\n");
    Catalog catalog = loader(0, new ArrayList<>(), "title", "genres").load(file);
    assertEquals(
        List.of(
            new Catalog.Item(
                "m1",
                Map.of(
                    "title",
                    List.of("Toy Story, the film"),
                    "genres",
                    List.of("Animation", "Children"))),
            new Catalog.Item("m2", Map.of("title", List.of("Heat"), "genres", List.of()))),
        catalog.items());
    assertEquals(3, catalog.linesRead());
    assertEquals(1, catalog.duplicates());
    assertEquals(0, catalog.rejected());
  }

  @Test
  void jsonlArraysAreMultiValuedAndScalarsSingleValued() throws IOException {
    Path file =
        write(
            "catalog.jsonl",
            """
            {"id":"p1","title":"Paring Knife","tags":["kitchen","steel"],"price":5}

            {"id":7,"title":null,"tags":"single"}
            """);
    Catalog catalog = loader(0, new ArrayList<>(), "title", "tags", "price").load(file);
    assertEquals(
        List.of(
            new Catalog.Item(
                "p1",
                Map.of(
                    "title", List.of("Paring Knife"),
                    "tags", List.of("kitchen", "steel"),
                    "price", List.of("5"))),
            new Catalog.Item(
                "7", Map.of("title", List.of(), "tags", List.of("single"), "price", List.of()))),
        catalog.items());
  }

  @Test
  void badLinesAreNamedByFileAndLineAndToleratedUpToMaxErrors() throws IOException {
    Path file =
        write(
            "catalog.csv",
            "id,title,category\n"
                + "a,Knife,Kitchen\n"
                + "b,Spoon\n"
                + ",Fork,Kitchen\n"
                + "c,\"Pan,Kitchen\n"
                + "d,Pot,Kitchen\n");
    List<String> errors = new ArrayList<>();
    Catalog catalog = loader(3, errors, "title", "category").load(file);
    assertEquals(List.of("a", "d"), catalog.items().stream().map(Catalog.Item::id).toList());
    assertEquals(
        List.of(
            file + ":3: has 2 fields, the header has 3",
            file + ":4: empty item id",
            file + ":5: unterminated quoted field"),
        errors);
    assertEquals(3, catalog.rejected());

    assertEquals(
        file + ":4: empty item id (more than --max-errors 1 bad lines, stopping)",
        refusal(file, 1, "title", "category"));
    assertEquals(
        file + ":3: has 2 fields, the header has 3", refusal(file, 0, "title", "category"));
  }

  @Test
  void aJsonLineThatIsNotAnObjectOrLacksTheIdIsBad() throws IOException {
    Path file =
        write(
            "catalog.jsonl",
            """
            [1]
            {"title":"x"}
            {"id":"a","title":{"en":"x"}}
            {"id":"b"}
            """);
    List<String> errors = new ArrayList<>();
    Catalog catalog = loader(3, errors, "title").load(file);
    assertEquals(List.of("b"), catalog.items().stream().map(Catalog.Item::id).toList());
    assertEquals(
        List.of(
            file + ":1: not a JSON object",
            file + ":2: no scalar 'id' field (--catalog-id-field)",
            file + ":3: field 'title' is an object, expected a value or an array of values"),
        errors);
  }

  @Test
  void aHeaderWithoutAContentFieldNamesItAndTheColumns() throws IOException {
    Path file = write("catalog.csv", "id,title\na,Knife\n");
    assertEquals(
        file + ":1: the header has no column 'brand' (--content-fields); columns: id, title",
        refusal(file, 0, "title", "brand"));
  }
}
