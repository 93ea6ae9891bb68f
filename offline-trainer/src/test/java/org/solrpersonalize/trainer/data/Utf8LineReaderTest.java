package org.solrpersonalize.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

class Utf8LineReaderTest {
  private static Utf8LineReader reader(String content) throws NoSuchAlgorithmException {
    return new Utf8LineReader(
        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
        MessageDigest.getInstance("SHA-256"));
  }

  @Test
  void carriageReturnsEndLinesAloneOrBeforeALineFeed() throws Exception {
    try (Utf8LineReader lines = reader("a\rb\r\n\rc\n\nd\r")) {
      assertEquals("a", lines.next());
      assertEquals("b", lines.next());
      assertEquals("", lines.next());
      assertEquals("c", lines.next());
      assertEquals("", lines.next());
      assertEquals("d", lines.next());
      assertEquals(6, lines.lineNumber());
      assertNull(lines.next());
    }
  }

  @Test
  void aCarriageReturnAndItsLineFeedInTwoReadsAreOneLineEnd() throws Exception {
    // The first read fills the 64 KiB buffer exactly: the CR is its last byte, the LF comes next.
    String first = "a".repeat((1 << 16) - 1);
    try (Utf8LineReader lines = reader(first + "\r\nb\r\n")) {
      assertEquals(first, lines.next());
      assertEquals("b", lines.next());
      assertEquals(2, lines.lineNumber());
      assertNull(lines.next());
    }
  }

  @Test
  void aLineWithoutEndIsCutOffAtTheCapWithABoundedBuffer() throws Exception {
    try (Utf8LineReader lines = reader("x".repeat(8 << 20) + "\nok\n")) {
      IOException e = assertThrows(Utf8LineReader.LineTooLongException.class, lines::next);
      assertEquals(
          "line is longer than 1048576 bytes (the longest line read; is the file binary?)",
          e.getMessage());
      assertEquals(1, lines.lineNumber());
      assertTrue(lines.bufferCapacity() <= 2 * Utf8LineReader.MAX_LINE_BYTES);
      assertEquals("ok", lines.next());
      assertEquals(2, lines.lineNumber());
      assertNull(lines.next());
    }
  }

  @Test
  void aLineOfExactlyTheCapIsRead() throws Exception {
    String longest = "y".repeat(Utf8LineReader.MAX_LINE_BYTES);
    try (Utf8LineReader lines = reader(longest + "\r" + longest + "z")) {
      assertEquals(longest, lines.next());
      assertThrows(Utf8LineReader.LineTooLongException.class, lines::next);
      assertEquals(2, lines.lineNumber());
      assertNull(lines.next());
    }
  }
}
