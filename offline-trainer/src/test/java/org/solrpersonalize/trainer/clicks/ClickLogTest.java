package org.solrpersonalize.trainer.clicks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.trainer.data.BadInputException;

class ClickLogTest {
  @TempDir Path dir;

  private static final String LINE =
      "{\"user\":\"u1\",\"query\":\"shoes\",\"docs\":[{\"id\":\"p3\",\"[personalize]\":"
          + "{\"model\":\"m2\",\"score\":0.93,\"text\":{\"raw\":12.1,\"normalized\":0.8},"
          + "\"dot\":{\"raw\":1.5,\"normalized\":0.2},\"cluster\":{\"raw\":-0.5,\"normalized\":"
          + "-0.1},\"team\":\"candidate\"}},{\"id\":\"p7\",\"[personalize]\":{\"model\":\"m1\","
          + "\"score\":0.5,\"team\":\"active\"}}],\"clicks\":[\"p3\"]}";

  @Test
  void readsTheContractsExample() {
    Impression i = ClickLog.parse(LINE, "id");
    assertEquals("u1", i.user());
    assertEquals("shoes", i.query());
    assertEquals(Set.of("p3"), i.clicks());
    assertEquals(
        new ShownDocument(
            "p3",
            "m2",
            0.93,
            new ScorePart(12.1, 0.8),
            new ScorePart(1.5, 0.2),
            new ScorePart(-0.5, -0.1),
            ShownDocument.Team.CANDIDATE),
        i.docs().get(0));
    assertEquals(
        new ShownDocument("p7", "m1", 0.5, null, null, null, ShownDocument.Team.ACTIVE),
        i.docs().get(1));
  }

  @Test
  void writesWhatItReads() throws IOException {
    StringWriter out = new StringWriter();
    ClickLog.write(ClickLog.parse(LINE, "id"), out);
    assertEquals(LINE + "\n", out.toString());
  }

  @Test
  void badLinesNameFileAndLineAndStopAfterMaxErrors() throws IOException {
    Path file = dir.resolve("clicks.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            LINE,
            "",
            "{\"docs\":[{\"id\":\"a\"}],\"clicks\":[\"b\"]}",
            "[1]",
            "{\"docs\":[{\"id\":\"a\",\"[personalize]\":{\"team\":\"blue\"}}],\"clicks\":[]}",
            LINE),
        StandardCharsets.UTF_8);
    List<String> errors = new ArrayList<>();
    List<Impression> read = ClickLog.read(file, "id", 3, errors::add);
    assertEquals(2, read.size());
    assertEquals(
        List.of(
            file + ":3: clicked id b is not one of the shown documents",
            file + ":4: not a JSON object",
            file + ":5: docs[0].[personalize].team must be active or candidate, got \"blue\""),
        errors);
    BadInputException e =
        assertThrows(BadInputException.class, () -> ClickLog.read(file, "id", 2, errors::add));
    assertEquals(
        file
            + ":5: docs[0].[personalize].team must be active or candidate, got \"blue\""
            + " (more than --max-errors 2 bad lines, stopping)",
        e.getMessage());
    e = assertThrows(BadInputException.class, () -> ClickLog.read(file, "sku", 0, s -> {}));
    assertEquals(file + ":1: docs[0] has no \"sku\"", e.getMessage());
  }
}
