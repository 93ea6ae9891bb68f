package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.ColumnNames;
import org.solrpersonalize.trainer.data.EventWeights;
import org.solrpersonalize.trainer.data.LoadOptions;

/** Each input format with a bad line, by the local loader's rules and messages. */
class InteractionReaderTest {
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("InteractionReaderTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void csvWithEventsToleratesABadLine() throws IOException {
    Path file =
        write(
            "a.csv",
            "user,item,event,timestamp\n"
                + "u1,i1,view,2025-01-01T00:00:00Z\n"
                + "u1,i2,cart,1735689600\n"
                + "u2,i1,like,1735689600\n"
                + "\n"
                + "u2,i3,purchase,\n");
    List<String> errors = new ArrayList<>();
    ReadInteractions read = reader(1, errors).read(List.of(file.toString()));
    assertEquals(
        List.of("file:" + file + ":4: unknown event 'like' (known: view, cart, purchase)"), errors);
    assertEquals(List.of(4L, 3L, 1L, 1L), counts(read));
    assertEquals(
        List.of(
            RowFactory.create("u1", "i1", 1f, 1735689600000L),
            RowFactory.create("u1", "i2", 3f, 1735689600000L),
            row("u2", "i3", 5f)),
        read.interactions().collectAsList());
    read.release();
  }

  @Test
  void csvStopsAtTheFirstBadLineWithoutMaxErrors() throws IOException {
    Path file = write("a.csv", "user,item,event\nu1,i1,view\nu2,i1,like\nu3,i1,hate\n");
    assertRefused(file, 0, ":3: unknown event 'like' (known: view, cart, purchase)");
    assertRefused(
        file,
        1,
        ":4: unknown event 'hate' (known: view, cart, purchase)"
            + " (more than --max-errors 1 bad lines, stopping)");
  }

  @Test
  void tsvWithWeights() throws IOException {
    Path file = write("b.tsv", "item\tuser\tweight\ni1\tu1\t2.5\ni2\tu1\t-2\ni2\tu2\t0\n");
    List<String> errors = new ArrayList<>();
    ReadInteractions read = reader(5, errors).read(List.of(file.toString()));
    assertEquals(List.of("file:" + file + ":3: weight '-2' is negative"), errors);
    // The line of weight 0 is read and dropped, as the local loader drops it.
    assertEquals(List.of(3L, 1L, 1L, 0L), counts(read));
    assertEquals(1L, read.zeroWeightDropped());
    assertEquals(List.of(row("u1", "i1", 2.5f)), read.interactions().collectAsList());
    read.release();
  }

  @Test
  void jsonLines() throws IOException {
    Path file =
        write(
            "c.jsonl",
            "{\"user\":\"u1\",\"item\":7,\"event\":\"cart\"}\n"
                + "{\"user\":\"u2\"}\n"
                + "{\"user\":\"u2\",\"item\":\"i9\",\"weight\":4}\n");
    assertReadsWithOneError(
        file, "file:" + file + ":2: missing field 'item'", row("u1", "7", 3f), row("u2", "i9", 4f));
  }

  @Test
  void parquetRowsByColumnName() throws IOException {
    StructType schema =
        new StructType()
            .add("user", DataTypes.StringType)
            .add("item", DataTypes.LongType)
            .add("weight", DataTypes.DoubleType);
    List<Row> rows =
        List.of(
            RowFactory.create("u1", 10L, 1.0),
            RowFactory.create("u1", 11L, 2.0),
            RowFactory.create("u2", 10L, -1.0));
    Path out = dir.resolve("events.parquet");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
    Path part;
    try (Stream<Path> files = Files.list(out)) {
      part =
          files
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .collect(Collectors.toList())
              .get(0);
    }
    assertReadsWithOneError(
        out,
        "file:" + part + ":row 3: weight '-1.0' is negative",
        row("u1", "10", 1f),
        row("u1", "11", 2f));
  }

  /** A bad line in a later input split of a file still gets its line number. */
  @Test
  void lineNumbersAcrossSplits() throws IOException {
    StringBuilder text = new StringBuilder("user,item,weight\n");
    for (int line = 2; line <= 400; line++) {
      text.append("user").append(line).append(",item").append(line % 7).append(',');
      text.append(line == 333 ? "x" : "1").append('\n');
    }
    Path file = write("long.csv", text.toString());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    hadoop.set("mapreduce.input.fileinputformat.split.maxsize", "1024");
    try {
      List<String> errors = new ArrayList<>();
      ReadInteractions read = reader(1, errors).read(List.of(file.toString()));
      assertEquals(List.of("file:" + file + ":333: weight 'x' is not a number"), errors);
      assertEquals(List.of(399L, 398L, 1L, 0L), counts(read));
      read.release();
    } finally {
      hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
    }
  }

  @Test
  void headerWithoutARequiredColumn() throws IOException {
    Path file = write("d.csv", "\nuser,weight\nu1,1\n");
    assertRefused(file, 0, ":2: header has no column 'item' (columns: user, weight)");
  }

  /** Several files, one of them empty and one blank: they add nothing but their blank lines. */
  @Test
  void emptyAndBlankFilesBesideOthers() throws IOException {
    write("e1.csv", "");
    write("e2.csv", "\n\n");
    write("e3.csv", "user,item\nu1,i1\n");
    List<String> errors = new ArrayList<>();
    ReadInteractions read = reader(0, errors).read(List.of(dir.resolve("e*.csv").toString()));
    assertEquals(List.of(), errors);
    assertEquals(List.of(1L, 1L, 0L, 2L), counts(read));
    assertEquals(List.of(row("u1", "i1", 1f)), read.interactions().collectAsList());
    read.release();
  }

  /** An interaction without a timestamp, as read. */
  private static Row row(String user, String item, float weight) {
    return RowFactory.create(user, item, weight, null);
  }

  /** Reads {@code input} with {@code --max-errors 1}: the one error reported, the rows kept. */
  private void assertReadsWithOneError(Path input, String error, Row... kept) throws IOException {
    List<String> errors = new ArrayList<>();
    ReadInteractions read = reader(1, errors).read(List.of(input.toString()));
    assertEquals(List.of(error), errors);
    assertEquals(List.of(kept), read.interactions().collectAsList());
    read.release();
  }

  /**
   * Reading {@code file} with {@code --max-errors maxErrors} is refused with {@code "file:" + file
   * + where}: {@code where} is the line and its message, e.g. {@code ":3: weight 'x' is ..."}.
   */
  private void assertRefused(Path file, long maxErrors, String where) {
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> reader(maxErrors, new ArrayList<>()).read(List.of(file.toString())));
    assertEquals("file:" + file + where, e.getMessage());
  }

  private InteractionReader reader(long maxErrors, List<String> errors) {
    return new InteractionReader(
        spark,
        new LoadOptions(ColumnNames.DEFAULT, EventWeights.DEFAULT, maxErrors),
        "auto",
        errors::add);
  }

  private static List<Long> counts(ReadInteractions read) {
    return List.of(read.linesRead(), read.linesUsed(), read.linesRejected(), read.blankLines());
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
