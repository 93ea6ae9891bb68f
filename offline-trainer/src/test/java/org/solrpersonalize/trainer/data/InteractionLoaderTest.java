package org.solrpersonalize.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractionLoaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static Interactions load(LoadOptions options, List<String> errors, Path... files)
      throws IOException {
    return new InteractionLoader(options, errors::add).load(List.of(files), bytes -> {});
  }

  /** The message of the refusal to load {@code file} with the default options. */
  private static String refusal(Path file) {
    return assertThrows(
            BadInputException.class, () -> load(LoadOptions.DEFAULT, new ArrayList<>(), file))
        .getMessage();
  }

  /** The default columns and events, with up to {@code maxErrors} bad lines skipped. */
  private static LoadOptions tolerating(long maxErrors) {
    return new LoadOptions(ColumnNames.DEFAULT, EventWeights.DEFAULT, maxErrors);
  }

  @Test
  void csvWithWeightsInternsIdsInFirstSeenOrderAndSumsRepeats() throws IOException {
    Path file =
        write(
            "log.csv",
            "user,item,weight,timestamp\n"
                + "u2,a,1,1700000000\n"
                + "u1,b,2.5,1700000100\n"
                + "u2,b,1,2023-11-14T22:20:00Z\n"
                + "u2,a,3,1700000050000\n");
    Interactions data = load(LoadOptions.DEFAULT, new ArrayList<>(), file);

    assertEquals(List.of("u2", "u1"), data.userIds());
    assertEquals(List.of("a", "b"), data.itemIds());
    CsrMatrix m = data.userItems();
    assertArrayEquals(new int[] {0, 2, 3}, m.rowPtr());
    assertArrayEquals(new int[] {0, 1, 1}, m.cols());
    assertArrayEquals(new float[] {4f, 1f, 2.5f}, m.vals());
    // The latest time of the repeated pair (u2, a) is the millisecond one.
    assertArrayEquals(
        new long[] {1_700_000_050_000L, 1_700_000_400_000L, 1_700_000_100_000L}, data.timestamps());
    assertArrayEquals(new int[] {0, 1, 3}, data.itemUsers().rowPtr());
    assertArrayEquals(new int[] {0, 0, 1}, data.itemUsers().cols());
    assertEquals(new LoadSummary(4, 4, 0, 0, 1), data.summary());
  }

  @Test
  void tsvWithEventsAndRenamedColumns() throws IOException {
    Path file =
        write(
            "log.tsv",
            "customer\tsku\taction\n" + "c1\tx\tview\n" + "c1\tx\tpurchase\n" + "c2\ty\tcart\n");
    LoadOptions options =
        new LoadOptions(
            ColumnNames.parse("user=customer,item=sku,event=action"), EventWeights.DEFAULT, 0);
    Interactions data = load(options, new ArrayList<>(), file);

    assertArrayEquals(new float[] {6f, 3f}, data.userItems().vals());
    assertNull(data.timestamps());
  }

  @Test
  void formatIsSniffedWithoutAKnownExtension() throws IOException {
    Path tabs = write("log.txt", "user\titem\nu\t\"i,1\"\n");
    Path json = write("log.data", "{\"user\":\"u\",\"item\":7,\"event\":\"cart\"}\n");
    Interactions data = load(LoadOptions.DEFAULT, new ArrayList<>(), tabs, json);

    assertEquals(List.of("i,1", "7"), data.itemIds());
    assertArrayEquals(new float[] {1f, 3f}, data.userItems().vals());
  }

  @Test
  void fingerprintIsTheSha256OfTheFileBytes() throws IOException {
    Path file = write("a.csv", "user,item\nu,i\n");
    Interactions data = load(LoadOptions.DEFAULT, new ArrayList<>(), file);
    // sha256sum of the 14 bytes "user,item\nu,i\n".
    assertEquals(
        "sha256:b2ae378fc2fde952b660ba47d7b57167d5ffd27cd88f21d92457a67405ae7a37",
        data.fingerprint());
  }

  @Test
  void firstBadLineStopsTheRunWithItsLocation() throws IOException {
    Path file = write("bad.csv", "user,item,weight\nu1,a,1\nu2,b,abc\nu3,c,1\n");
    assertEquals(file + ":3: weight 'abc' is not a number", refusal(file));
  }

  @Test
  void missingRequiredColumnIsReportedAtTheHeader() throws IOException {
    Path file = write("nouser.csv", "customer,item\nu1,a\n");
    assertEquals(file + ":1: header has no column 'user' (columns: customer, item)", refusal(file));
  }

  @Test
  void everyBadLineIsReportedAndNoValidLineIsDropped() throws IOException {
    Path csv = dir.resolve("mixed.csv");
    byte[] badUtf8 = {'u', (byte) 0xC3, (byte) 0x28, ',', 'z', ',', '1', '\n'};
    try (var out = Files.newOutputStream(csv)) {
      out.write(
          ("user,item,weight,timestamp\n"
                  + "u1,a,1,\n"
                  + "u1,b\n"
                  + "u2,a,-1,\n"
                  + "u2,b,NaN,\n"
                  + "\n"
                  + ",a,1,\n"
                  + "u2,,1,\n"
                  + "u2,c,2,yesterday\n"
                  + "u3,\"a,1,\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(badUtf8);
      out.write("u3,c,0.5,2024-01-02\r\n".getBytes(StandardCharsets.UTF_8));
    }
    Path jsonl =
        write(
            "events.jsonl",
            """
            {"user":"u4","item":"a","event":"view"}
            {"user":"u4","item":"b","event":"click"}
            {"user":"u4","item":
            [1,2]
            {"item":"a"}
            {"user":"u5","item":{"x":1}}
            {"user":"u5","item":"c","weight":"2"}
            """);
    List<String> errors = new ArrayList<>();
    Interactions data = load(tolerating(20), errors, csv, jsonl);

    assertEquals(
        List.of(
            csv + ":3: expected 4 fields, found 2",
            csv + ":4: weight '-1' is negative",
            csv + ":5: weight 'NaN' is not finite",
            csv + ":7: empty user id",
            csv + ":8: empty item id",
            csv + ":9: timestamp 'yesterday' is neither epoch seconds/milliseconds nor ISO-8601",
            csv + ":10: unterminated quoted field",
            csv + ":11: malformed UTF-8",
            jsonl + ":2: unknown event 'click' (known: view, cart, purchase)",
            jsonl + ":3: bad JSON: Unexpected end-of-input within/between Object entries",
            jsonl + ":4: expected a JSON object",
            jsonl + ":5: missing field 'user'",
            jsonl + ":6: field 'item' must be a string or an integer"),
        errors);
    assertEquals(List.of("u1", "u3", "u4", "u5"), data.userIds());
    assertEquals(List.of("a", "c"), data.itemIds());
    assertArrayEquals(new float[] {1f, 0.5f, 1f, 2f}, data.userItems().vals());
    assertArrayEquals(new int[] {0, 1, 0, 1}, data.userItems().cols());
    assertArrayEquals(
        new long[] {
          Interactions.NO_TIMESTAMP,
          1_704_153_600_000L,
          Interactions.NO_TIMESTAMP,
          Interactions.NO_TIMESTAMP
        },
        data.timestamps());
    assertEquals(new LoadSummary(17, 4, 13, 1, 0), data.summary());
  }

  @Test
  void toleranceIsExceededByOneMoreBadLine() throws IOException {
    Path file = write("bad.csv", "user,item,weight\nu1,a,x\nu1,b,y\nu1,c,z\n");
    List<String> errors = new ArrayList<>();
    BadInputException e =
        assertThrows(BadInputException.class, () -> load(tolerating(2), errors, file));
    assertEquals(
        file + ":4: weight 'z' is not a number (more than --max-errors 2 bad lines, stopping)",
        e.getMessage());
    assertEquals(2, errors.size());
  }

  @Test
  void optionSpecsAreValidated() {
    assertEquals(
        "--events: weight of 'view' is not a number: 'lots'",
        assertThrows(BadInputException.class, () -> EventWeights.parse("view=lots")).getMessage());
    assertEquals(
        "--columns: expected role=name with role one of user, item, weight, timestamp, event,"
            + " got 'buyer=b'",
        assertThrows(BadInputException.class, () -> ColumnNames.parse("buyer=b")).getMessage());
    assertEquals("view=1,cart=3,purchase=5", EventWeights.DEFAULT.toString());
  }

  /**
   * Every input that used to abort, or to pass and break a later step, is a bad line with its
   * location, and the load goes on with the good ones.
   */
  @Test
  void unusableIdsTimesWeightsAndLinesAreBadLinesWithTheirLocation() throws IOException {
    String longestId = "x".repeat(IdRules.MAX_ID_BYTES);
    Path jsonl =
        write(
            "ids.jsonl",
            "{\"user\":\"u\\n1\",\"item\":\"a\"}\n"
                + "{\"user\":\"u\\r1\",\"item\":\"a\"}\n"
                + "{\"user\":\"u2\",\"item\":\"\\ud800x\"}\n"
                + "{\"user\":\"u3\",\"item\":\"a\",\"timestamp\":\"+300000000-01-01\"}\n"
                + "{\"user\":\"u3\",\"item\":\"a\",\"timestamp\":9999999999999999}\n"
                + "{\"user\":\"u4\",\"item\":\"x"
                + longestId
                + "\"}\n"
                + "{\"user\":\"u4\",\"item\":\""
                + "\u20ac".repeat(IdRules.MAX_ID_BYTES / 3 + 1)
                + "\"}\n"
                + "{\"user\":\"u5\",\"item\":\"a\",\"weight\":1e20}\n"
                + "{\"user\":\"u6\",\"item\":\"a\",\"weight\":0}\n"
                + "{\"user\":\"u7\",\"item\":\""
                + longestId
                + "\",\"timestamp\":\"9999-12-31\"}\n"
                + "{\"user\":\"u7\",\"item\":\"\\ud83d\\ude00\",\"event\":\"cart\"}\n");
    // Old Mac line ends (CR only), one line of 2 MiB without any line end, a line of weight 0.
    Path csv =
        write(
            "mac.csv",
            "user,item,weight\r"
                + "u8,a,2\r"
                + "u8,"
                + "b".repeat(2 << 20)
                + ",1\r"
                + "u8,c,0\r"
                + "u9,c,1e8\r\n"
                + "u9,a,1.5");
    List<String> errors = new ArrayList<>();
    Interactions data = load(tolerating(20), errors, jsonl, csv);

    assertEquals(
        List.of(
            jsonl
                + ":1: user id contains a line break at character 2 (ids are stored one per line)",
            jsonl
                + ":2: user id contains a line break at character 2 (ids are stored one per line)",
            jsonl
                + ":3: item id contains a lone surrogate U+D800 at character 1 (not valid Unicode)",
            jsonl + ":4: timestamp '+300000000-01-01' is outside the years 1 to 9999",
            jsonl + ":5: timestamp '9999999999999999' is outside the years 1 to 9999",
            jsonl
                + ":6: item id is 32767 bytes in UTF-8, above Solr's limit of 32766 bytes for a"
                + " term",
            jsonl
                + ":7: item id is 32769 bytes in UTF-8, above Solr's limit of 32766 bytes for a"
                + " term",
            jsonl
                + ":8: weight '1.0E20' is above 1e8, the largest weight the trainer takes (use a"
                + " smaller unit, or --confidence log)",
            csv
                + ":3: line is longer than 1048576 bytes (the longest line read; is the file"
                + " binary?)"),
        errors);
    assertEquals(List.of("u7", "u8", "u9"), data.userIds());
    assertEquals(List.of(longestId, "\ud83d\ude00", "a", "c"), data.itemIds());
    assertArrayEquals(new float[] {1f, 3f, 2f, 1.5f, 1e8f}, data.userItems().vals());
    // Lines: 11 JSON + 5 CSV data lines; the two of weight 0 are neither used nor rejected.
    assertEquals(new LoadSummary(16, 5, 9, 0, 0, 2), data.summary());
    assertEquals(
        "16 lines read, 5 used, 9 rejected, 0 blank, 2 of weight 0 dropped;"
            + " 0 duplicate (user, item) pairs merged",
        data.summary().toString());
  }

  @Test
  void aLineOfWeightZeroIsNotAnInteraction() throws IOException {
    Path file = write("zero.csv", "user,item,event\nu1,a,view\nu1,b,view\nu2,b,purchase\n");
    LoadOptions viewsIgnored =
        new LoadOptions(ColumnNames.DEFAULT, EventWeights.parse("view=0,purchase=5"), 0);
    Interactions data = load(viewsIgnored, new ArrayList<>(), file);

    // u1 only viewed: neither u1 nor item a is in the data, and (u2, b) is the one positive.
    assertEquals(List.of("u2"), data.userIds());
    assertEquals(List.of("b"), data.itemIds());
    assertArrayEquals(new float[] {5f}, data.userItems().vals());
    assertEquals(new LoadSummary(3, 1, 0, 0, 0, 2), data.summary());
  }

  @Test
  void onlyLinesOfWeightZeroAreNoInteractions() throws IOException {
    Path file = write("zeros.csv", "user,item,weight\nu1,a,0\n");
    assertEquals("no interactions in [" + file + "]", refusal(file));
  }

  @Test
  void anEventWeightAboveTheLargestIsRefused() {
    assertEquals(
        "--events: weight of 'buy' is above 1e8, the largest weight, got 1.0E9",
        assertThrows(BadInputException.class, () -> EventWeights.parse("buy=1e9")).getMessage());
  }
}
