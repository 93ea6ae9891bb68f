package org.solrpersonalize.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Reads lines of a byte stream and decodes each one strictly as UTF-8, so that a malformed byte
 * sequence is reported with its line number instead of being replaced silently. Lines end with
 * {@code \n}, {@code \r\n} or a lone {@code \r} (old Mac files), and a byte order mark is skipped.
 * A line longer than {@value #MAX_LINE_BYTES} bytes is skipped and reported: without that cap a
 * file without line ends would be read as one line into a buffer that doubles without bound. Every
 * byte read also goes into a digest, which makes the input fingerprint free.
 */
final class Utf8LineReader implements AutoCloseable {
  /** The longest line read, in bytes: two ids at Solr's term limit fit many times over. */
  static final int MAX_LINE_BYTES = 1 << 20;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** A line longer than {@link #MAX_LINE_BYTES}; it was skipped and the reader stays usable. */
  static final class LineTooLongException extends IOException {
    LineTooLongException() {
      super(
          String.format(
              Locale.ROOT,
              "line is longer than %d bytes (the longest line read; is the file binary?)",
              MAX_LINE_BYTES));
    }
  }

  private final InputStream in;
  private final MessageDigest digest;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;
  private long lineNumber;
  private long bytesRead;
  private boolean firstLine = true;

  /** The last line ended with {@code \r}: a {@code \n} right after it belongs to that ending. */
  private boolean afterCarriageReturn;

  Utf8LineReader(InputStream in, MessageDigest digest) {
    this.in = in;
    this.digest = digest;
  }

  /** Number of the line last returned by {@link #next}, starting at 1. */
  long lineNumber() {
    return lineNumber;
  }

  /** Bytes read from the stream so far (a little ahead of the lines returned). */
  long bytesRead() {
    return bytesRead;
  }

  /** Size of the line buffer, which stays below {@link #MAX_LINE_BYTES} plus one read. */
  int bufferCapacity() {
    return buffer.length;
  }

  /**
   * Returns the next line without its ending, or null at the end of the input.
   *
   * @throws CharacterCodingException if the line is not valid UTF-8 (the reader stays usable)
   * @throws LineTooLongException if the line is longer than {@link #MAX_LINE_BYTES} (the reader
   *     stays usable, at the next line)
   */
  String next() throws IOException {
    if (afterCarriageReturn) {
      afterCarriageReturn = false;
      if (start == end && !eof) {
        fill();
      }
      if (start < end && buffer[start] == '\n') {
        start++;
      }
    }
    int scanned = start;
    int lineEnd;
    while ((lineEnd = indexOfLineEnd(scanned)) < 0) {
      if (end - start > MAX_LINE_BYTES) {
        skipRestOfLine();
        throw new LineTooLongException();
      }
      if (eof) {
        break;
      }
      int offset = scanned - start;
      fill();
      scanned = start + offset;
    }
    if (lineEnd < 0 && start == end) {
      return null;
    }
    int from = start;
    int to = lineEnd < 0 ? end : lineEnd;
    start = lineEnd < 0 ? end : lineEnd + 1;
    afterCarriageReturn = lineEnd >= 0 && buffer[lineEnd] == '\r';
    lineNumber++;
    if (to - from > MAX_LINE_BYTES) {
      throw new LineTooLongException();
    }
    if (firstLine) {
      firstLine = false;
      if (to - from >= 3
          && buffer[from] == BOM[0]
          && buffer[from + 1] == BOM[1]
          && buffer[from + 2] == BOM[2]) {
        from += 3;
      }
    }
    return decode(from, to);
  }

  /** Drops bytes up to and including the next line end, counting the line. */
  private void skipRestOfLine() throws IOException {
    lineNumber++;
    while (true) {
      int lineEnd = indexOfLineEnd(start);
      if (lineEnd >= 0) {
        start = lineEnd + 1;
        afterCarriageReturn = buffer[lineEnd] == '\r';
        return;
      }
      start = end;
      if (eof) {
        return;
      }
      fill();
    }
  }

  private String decode(int from, int to) throws CharacterCodingException {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (buffer[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
    }
    CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(buffer, from, to - from));
    return chars.toString();
  }

  private int indexOfLineEnd(int from) {
    for (int i = from; i < end; i++) {
      byte b = buffer[i];
      if (b == '\n' || b == '\r') {
        return i;
      }
    }
    return -1;
  }

  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      byte[] bigger = new byte[buffer.length * 2];
      System.arraycopy(buffer, 0, bigger, 0, end);
      buffer = bigger;
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      eof = true;
    } else {
      digest.update(buffer, end, n);
      end += n;
      bytesRead += n;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
