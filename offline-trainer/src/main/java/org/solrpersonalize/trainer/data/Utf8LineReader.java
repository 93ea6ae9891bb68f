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

/**
 * Reads lines of a byte stream and decodes each one strictly as UTF-8, so that a malformed byte
 * sequence is reported with its line number instead of being replaced silently. Accepts {@code \n}
 * and {@code \r\n} endings and skips a byte order mark. Every byte read also goes into a digest,
 * which makes the input fingerprint free.
 */
final class Utf8LineReader implements AutoCloseable {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

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

  /**
   * Returns the next line without its ending, or null at the end of the input.
   *
   * @throws CharacterCodingException if the line is not valid UTF-8 (the reader stays usable)
   */
  String next() throws IOException {
    int newline;
    while ((newline = indexOfNewline()) < 0 && !eof) {
      fill();
    }
    if (newline < 0 && start == end) {
      return null;
    }
    int lineEnd = newline < 0 ? end : newline;
    int from = start;
    start = newline < 0 ? end : newline + 1;
    lineNumber++;
    if (lineEnd > from && buffer[lineEnd - 1] == '\r') {
      lineEnd--;
    }
    if (firstLine) {
      firstLine = false;
      if (lineEnd - from >= 3
          && buffer[from] == BOM[0]
          && buffer[from + 1] == BOM[1]
          && buffer[from + 2] == BOM[2]) {
        from += 3;
      }
    }
    return decode(from, lineEnd);
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

  private int indexOfNewline() {
    for (int i = start; i < end; i++) {
      if (buffer[i] == '\n') {
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
