package org.solrpersonalize.spark;

import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.EventWeights;
import org.solrpersonalize.trainer.data.InteractionLoader;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.data.LoadSummary;
import org.solrpersonalize.trainer.data.TimeDecay;

/**
 * The Spark reader and the local loader ({@code bin/trainer}) on the same tiny logs with every kind
 * of line the rules treat apart: the same pairs and summed weights, the same line counts and the
 * same bad-line messages. The Spark messages name the file by its Hadoop path ({@code file:/...}),
 * the local ones by its local path; the rest is identical.
 */
class LocalRulesParityTest {
  private static final EventWeights EVENTS =
      EventWeights.parse("view=1,cart=3,purchase=5,impression=0");

  /** Events: known, repeated, mapped to 0, unknown, empty. */
  private static final String EVENT_LOG =
      """
      user,item,event
      u1,i1,view
      u1,i1,cart
      u1,i2,impression
      u2,i1,like
      u2,i2,
      u3,i3,purchase
      """;

  /** Events with times, a day apart; of weight 0 without a time and after all others. */
  private static final String TIMED_EVENT_LOG =
      """
      user,item,event,timestamp
      u1,i1,cart,2026-01-03T00:00:00Z
      u1,i1,view,2026-01-02T00:00:00Z
      u1,i2,impression,
      u2,i1,purchase,2026-01-01T00:00:00Z
      u2,i2,view,
      u3,i1,impression,2026-02-01T00:00:00Z
      """;

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("LocalRulesParityTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void csvWithWeights() throws IOException {
    Path file =
        write(
            "w.csv",
            "\uFEFFuser,item,weight\n"
                + "u1,i1,2\n"
                + "u1,i1,3\n"
                + "u1,i2,0\n"
                + "u2,i1,-1\n"
                + "u2,i2,abc\n"
                + ",i3,1\n"
                + "u2,,1\n"
                + "u3,i3\n"
                + "\n"
                + "u3,i1,1.5\n"
                + "u4,i2,1e9\n"
                + "u4,i3,NaN\n"
                + "u5,"
                + "x".repeat(1 << 20)
                + ",1\n"
                + "\"u,6\",i2,0.0\n"
                + "u6,i2,4\n");
    assertBothRead(
        file,
        List.of(
            file + ":5: weight '-1' is negative",
            file + ":6: weight 'abc' is not a number",
            file + ":7: empty user id",
            file + ":8: empty item id",
            file + ":9: expected 3 fields, found 2",
            file
                + ":12: weight '1e9' is above 1e8, the largest weight the trainer takes"
                + " (use a smaller unit, or --confidence log)",
            file + ":13: weight 'NaN' is not finite",
            file
                + ":14: line is longer than 1048576 bytes (the longest line read; is the file"
                + " binary?)"),
        Map.of("u1\ti1", 5f, "u3\ti1", 1.5f, "u6\ti2", 4f),
        new LoadSummary(14, 4, 8, 1, 1, 2));
  }

  @Test
  void csvWithEvents() throws IOException {
    Path file = write("e.csv", EVENT_LOG);
    assertBothRead(
        file,
        List.of(
            file + ":5: unknown event 'like' (known: view, cart, purchase, impression)",
            file + ":6: empty event"),
        Map.of("u1\ti1", 4f, "u3\ti3", 5f),
        new LoadSummary(6, 3, 2, 0, 1, 1));
  }

  @Test
  void jsonLinesWithWeightsEventsAndBadIds() throws IOException {
    Path file =
        write(
            "j.jsonl",
            """
            {"user":"u1","item":"i1","weight":2}
            {"user":"u1","item":"i1","event":"cart"}
            {"user":"u1","item":"i2","weight":0}
            {"user":"u1","item":"i3","event":"impression"}
            {"user":"u2","item":"i1","weight":-3}
            {"user":"u2","item":"i1","weight":"many"}
            {"user":"u2"}
            {"item":"i2"}
            {"user":"u\\n7","item":"i2"}
            {"user":"u8","item":"i\\ud800"}
            {"user":"u9","item":"i2","event":"like"}
            not json
            {"user":42,"item":7,"weight":"2.5"}
            """);
    assertBothRead(
        file,
        List.of(
            file + ":5: weight '-3' is negative",
            file + ":6: weight 'many' is not a number",
            file + ":7: missing field 'item'",
            file + ":8: missing field 'user'",
            file + ":9: user id contains a line break at character 2 (ids are stored one per line)",
            file
                + ":10: item id contains a lone surrogate U+D800 at character 2 (not valid Unicode)",
            file + ":11: unknown event 'like' (known: view, cart, purchase, impression)",
            file
                + ":12: bad JSON: Unrecognized token 'not': was expecting (JSON String, Number,"
                + " Array, Object or token 'null', 'true' or 'false')"),
        Map.of("u1\ti1", 5f, "42\t7", 2.5f),
        new LoadSummary(13, 3, 8, 0, 1, 2));
  }

  /**
   * With {@code --half-life} an event of weight 0 needs no time and is not the newest event the
   * ages are measured from; one of weight > 0 without a time is a bad line.
   */
  @Test
  void decayedEvents() throws IOException {
    Path file = write("t.csv", TIMED_EVENT_LOG);
    assertBothRead(
        new LoadOptions(ColumnNames.DEFAULT, EVENTS, 100, new TimeDecay(1, null)),
        file,
        List.of(file + ":6: no timestamp, and --half-life needs one on every event"),
        Map.of("u1\ti1", 3.5f, "u2\ti1", 1.25f),
        new LoadSummary(6, 3, 1, 0, 1, 2));
  }

  /**
   * {@code train} on Spark prints the local loader's bad lines on stderr and its line counts on the
   * {@code input} line: 39 interactions, a line of weight 0, an unknown event.
   */
  @Test
  void trainPrintsTheLocalCountsAndMessages() throws IOException {
    StringBuilder log = new StringBuilder("user,item,event\n");
    for (int user = 0; user < 8; user++) {
      for (int item = user % 3; item < 10; item += 2) {
        log.append("u").append(user).append(",i").append(item).append(",view\n");
      }
    }
    log.append("u1,i9,impression\nu2,i8,like\nu3,i1,cart\n");
    Path file = write("train.csv", log.toString());
    List<String> localErrors = new ArrayList<>();
    Interactions local = loadLocally(file, options(5), localErrors);
    assertEquals(
        List.of(file + ":41: unknown event 'like' (known: view, cart, purchase, impression)"),
        localErrors);
    assertEquals(new LoadSummary(41, 39, 1, 0, 0, 1), local.summary());
    SparkCliRun run =
        SparkCliRun.of(
            "train",
            "--interactions",
            file.toString(),
            "--out",
            dir.resolve("model").toString(),
            "--events",
            EVENTS.toString(),
            "--max-errors",
            "5",
            "--factors",
            "2",
            "--iterations",
            "1",
            "--regularization",
            "1",
            "--alpha",
            "1",
            "--clusters",
            "0");
    assertEquals(0, run.code(), run.err());
    assertEquals("file:" + localErrors.get(0) + System.lineSeparator(), run.err());
    assertTrue(run.out().contains("input     " + local.summary() + "\n"), run.out());
  }

  /** Beyond {@code --max-errors} both engines stop at the same line with the same message. */
  @Test
  void tooManyBadLinesStopBothAlike() throws IOException {
    Path file = write("m.csv", "user,item,weight\nu1,i1,0\nu1,i2,-1\nu2,i1,1\nu2,i2,x\nu3,,1\n");
    BadInputException local =
        assertThrows(
            BadInputException.class, () -> loadLocally(file, options(1), new ArrayList<>()));
    assertEquals(
        file + ":5: weight 'x' is not a number (more than --max-errors 1 bad lines, stopping)",
        local.getMessage());
    BadInputException distributed =
        assertThrows(
            BadInputException.class,
            () -> reader(options(1), new ArrayList<>()).read(List.of(file.toString())));
    assertEquals("file:" + local.getMessage(), distributed.getMessage());
  }

  /** Malformed UTF-8 is a bad line, except on the line that tells the columns: it ends the read. */
  @Test
  void malformedUtf8() throws IOException {
    byte[] bad = {'u', '2', ',', 'i', (byte) 0xC3, '(', ',', '1', '\n'};
    Path csv = dir.resolve("u.csv");
    Files.write(csv, concat("user,item,weight\nu1,i1,1\n".getBytes(StandardCharsets.UTF_8), bad));
    assertBothRead(
        csv,
        List.of(csv + ":3: malformed UTF-8"),
        Map.of("u1\ti1", 1f),
        new LoadSummary(2, 1, 1, 0, 0));
    for (String name : List.of("h.csv", "h.jsonl")) {
      Path file = dir.resolve(name);
      Files.write(file, concat("\n".getBytes(StandardCharsets.UTF_8), bad));
      BadInputException local =
          assertThrows(
              BadInputException.class, () -> loadLocally(file, options(100), new ArrayList<>()));
      assertEquals(file + ":2: malformed UTF-8", local.getMessage());
      BadInputException distributed =
          assertThrows(
              BadInputException.class,
              () -> reader(options(100), new ArrayList<>()).read(List.of(file.toString())));
      assertEquals("file:" + local.getMessage(), distributed.getMessage());
    }
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /**
   * Parquet has no lines: its rows are checked as the CSV lines of the same fields (a null is an
   * empty field), so a Parquet file and that CSV give the same pairs, counts and reasons.
   */
  @Test
  void parquetRowsAsTheirCsvLines() throws IOException {
    List<Row> rows =
        List.of(
            RowFactory.create("u1", "i1", "2"),
            RowFactory.create("u1", "i1", "3"),
            RowFactory.create("u1", "i2", "0"),
            RowFactory.create("u2", "i1", "-1"),
            RowFactory.create("u2", "i2", "abc"),
            RowFactory.create(null, "i3", "1"),
            RowFactory.create("u2", " ", "1"),
            RowFactory.create("u3", "i3", null),
            RowFactory.create(" u3 ", "i1", "1.5"),
            RowFactory.create("u4", "i2", "1e9"));
    StructType schema =
        new StructType()
            .add("user", DataTypes.StringType)
            .add("item", DataTypes.StringType)
            .add("weight", DataTypes.StringType);
    StringBuilder csv = new StringBuilder("user,item,weight\n");
    for (Row row : rows) {
      for (int i = 0; i < 3; i++) {
        csv.append(i == 0 ? "" : ",").append(row.isNullAt(i) ? "" : row.getString(i));
      }
      csv.append('\n');
    }
    Path csvFile = write("p.csv", csv.toString());
    Path out = dir.resolve("p.parquet");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());

    List<String> localErrors = new ArrayList<>();
    Interactions local = loadLocally(csvFile, options(100), localErrors);
    List<String> sparkErrors = new ArrayList<>();
    ReadInteractions read = reader(options(100), sparkErrors).read(List.of(out.toString()));
    Map<String, Float> pairs = sparkPairs(read);
    assertEquals(Map.of("u1\ti1", 5f, "u3\ti1", 1.5f), pairs);
    assertEquals(localPairs(local), pairs);
    assertEquals(local.summary(), read.summary(pairs.size()));
    assertEquals(new LoadSummary(10, 3, 6, 0, 1, 1), read.summary(pairs.size()));
    assertEquals(
        List.of(
            "weight '-1' is negative",
            "weight 'abc' is not a number",
            "empty user id",
            "empty item id",
            "weight '' is not a number",
            "weight '1e9' is above 1e8, the largest weight the trainer takes"
                + " (use a smaller unit, or --confidence log)"),
        reasons(localErrors));
    assertEquals(reasons(localErrors), reasons(sparkErrors));
    String part = parquetPart(out);
    assertEquals("file:" + part + ":row 4: weight '-1' is negative", sparkErrors.get(0));
    read.release();
  }

  /**
   * Reads {@code file} with both engines (up to 100 bad lines tolerated): the local loader gives
   * the expected messages, pairs and counts, and the Spark reader the same ones, its messages
   * naming the file by its Hadoop path.
   */
  private void assertBothRead(
      Path file, List<String> messages, Map<String, Float> pairs, LoadSummary summary)
      throws IOException {
    assertBothRead(options(100), file, messages, pairs, summary);
  }

  private void assertBothRead(
      LoadOptions options,
      Path file,
      List<String> messages,
      Map<String, Float> pairs,
      LoadSummary summary)
      throws IOException {
    List<String> localErrors = new ArrayList<>();
    Interactions local = loadLocally(file, options, localErrors);
    assertEquals(messages, localErrors);
    assertEquals(pairs, localPairs(local));
    assertEquals(summary, local.summary());
    List<String> sparkErrors = new ArrayList<>();
    ReadInteractions read = reader(options, sparkErrors).read(List.of(file.toString()));
    Map<String, Float> sparkPairs = sparkPairs(read);
    assertEquals(pairs, sparkPairs);
    assertEquals(summary, read.summary(sparkPairs.size()));
    assertEquals(
        messages.stream().map(message -> "file:" + message).collect(Collectors.toList()),
        sparkErrors);
    read.release();
  }

  private static Interactions loadLocally(Path file, LoadOptions options, List<String> errors)
      throws IOException {
    return new InteractionLoader(options, errors::add).load(List.of(file), bytes -> {});
  }

  private InteractionReader reader(LoadOptions options, List<String> errors) {
    return new InteractionReader(spark, options, "auto", errors::add);
  }

  private static LoadOptions options(long maxErrors) {
    return new LoadOptions(ColumnNames.DEFAULT, EVENTS, maxErrors);
  }

  /** {@code user \t item} to the summed weight of the pair. */
  private static Map<String, Float> localPairs(Interactions data) {
    Map<String, Float> pairs = new TreeMap<>();
    CsrMatrix matrix = data.userItems();
    for (int user = 0; user < matrix.rows(); user++) {
      for (int at = matrix.rowStart(user); at < matrix.rowEnd(user); at++) {
        pairs.put(
            data.userIds().get(user) + "\t" + data.itemIds().get(matrix.cols()[at]),
            matrix.vals()[at]);
      }
    }
    return pairs;
  }

  private static Map<String, Float> sparkPairs(ReadInteractions read) {
    Map<String, Float> pairs = new TreeMap<>();
    for (Row row : read.interactions().groupBy("user", "item").agg(sum("weight")).collectAsList()) {
      pairs.put(row.getString(0) + "\t" + row.getString(1), (float) row.getDouble(2));
    }
    return pairs;
  }

  /** The messages without their {@code file:line: } or {@code file:row N: } prefix. */
  private static List<String> reasons(List<String> messages) {
    return messages.stream()
        .map(message -> message.replaceFirst("^.*?:(row )?\\d+: ", ""))
        .collect(Collectors.toList());
  }

  private static String parquetPart(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .findFirst()
          .orElseThrow()
          .toString();
    }
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
