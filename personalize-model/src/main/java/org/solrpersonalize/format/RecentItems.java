package org.solrpersonalize.format;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Each user's interacted items, most recent first: what {@code publish} stores in a profile as the
 * user's seen items ({@code seen=exclude|demote}). Rows index the model directory's {@code
 * user_ids.txt} and {@code item_ids.txt}. Example: user 0 saw items 2 then 0, user 1 saw nothing,
 * user 2 saw item 1: {@code starts = {0, 2, 2, 3}}, {@code items = {0, 2, 1}}.
 *
 * <p>File {@value #FILE} of a model directory (optional: a directory written before it existed
 * publishes without seen items). Little-endian:
 *
 * <pre>
 * bytes 0-3   magic "PZRI"
 * int32       file version ({@value #VERSION})
 * int32       users, int32 items (must match the manifest)
 * int64       entries
 * users x int32    entries of each user
 * entries x int32  item rows, user by user, most recent first
 * </pre>
 *
 * @param starts user {@code u}'s items are {@code items[starts[u] .. starts[u+1]-1]}; users + 1
 *     values from 0 to {@code items.length}
 * @param items item rows, each user's most recent first
 */
public record RecentItems(int[] starts, int[] items) {
  /** File name inside a model directory. */
  public static final String FILE = "recent_items.bin";

  /** Layout version of {@value #FILE}; readers refuse other versions. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = "PZRI".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER_BYTES = 4 + 4 + 4 + 4 + 8;

  public RecentItems {
    if (starts.length == 0 || starts[0] != 0 || starts[starts.length - 1] != items.length) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "starts must have users + 1 entries from 0 to %d, got %d entries",
              items.length,
              starts.length));
    }
    for (int u = 0; u + 1 < starts.length; u++) {
      if (starts[u + 1] < starts[u]) {
        throw new IllegalArgumentException("starts must not decrease, it does after user " + u);
      }
    }
  }

  /**
   * Orders each row of a user x item matrix in compressed sparse row form by time, latest first;
   * equal times (and no times at all) put the higher item row first, the item first seen later in
   * the log.
   *
   * @param rowPtr users + 1 row starts
   * @param cols item row of each entry
   * @param timestamps epoch milliseconds of each entry, or null
   */
  public static RecentItems latestFirst(int[] rowPtr, int[] cols, long[] timestamps) {
    int[] items = new int[cols.length];
    for (int u = 0; u + 1 < rowPtr.length; u++) {
      int from = rowPtr[u];
      int n = rowPtr[u + 1] - from;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = from + i;
      }
      Arrays.sort(
          order,
          (a, b) -> {
            long ta = timestamps == null ? 0 : timestamps[a];
            long tb = timestamps == null ? 0 : timestamps[b];
            return ta != tb ? Long.compare(tb, ta) : Integer.compare(cols[b], cols[a]);
          });
      for (int i = 0; i < n; i++) {
        items[from + i] = cols[order[i]];
      }
    }
    return new RecentItems(rowPtr.clone(), items);
  }

  public int users() {
    return starts.length - 1;
  }

  /** User {@code row}'s item rows, most recent first, at most {@code max} of them. */
  public int[] ofUser(int row, int max) {
    int from = starts[row];
    return Arrays.copyOfRange(items, from, from + Math.min(max, starts[row + 1] - from));
  }

  /** Writes {@value #FILE} into {@code dir}; {@code itemCount} is the model's number of items. */
  public void write(Path dir, int itemCount) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putInt(VERSION).putInt(users()).putInt(itemCount).putLong(items.length);
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(dir.resolve(FILE)), 1 << 16)) {
      for (int u = 0; u < users(); u++) {
        buf = flushIfFull(out, buf);
        buf.putInt(starts[u + 1] - starts[u]);
      }
      for (int item : items) {
        buf = flushIfFull(out, buf);
        buf.putInt(item);
      }
      out.write(buf.array(), 0, buf.position());
    }
  }

  private static ByteBuffer flushIfFull(OutputStream out, ByteBuffer buf) throws IOException {
    if (buf.remaining() < Integer.BYTES) {
      out.write(buf.array(), 0, buf.position());
      buf.clear();
    }
    return buf;
  }

  /**
   * Reads {@value #FILE} of a model of {@code users} users and {@code itemCount} items, naming the
   * file and what is wrong when it does not match.
   */
  public static RecentItems read(Path dir, int users, int itemCount) throws IOException {
    Path file = dir.resolve(FILE);
    long size = Files.size(file);
    try (InputStream in = new DataInputStream(Files.newInputStream(file))) {
      ByteBuffer header =
          ByteBuffer.wrap(in.readNBytes(HEADER_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
      if (header.remaining() < HEADER_BYTES) {
        throw malformed(file, "has " + size + " bytes, shorter than its header");
      }
      byte[] magic = new byte[MAGIC.length];
      header.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw malformed(file, "does not start with PZRI");
      }
      int version = header.getInt();
      if (version != VERSION) {
        throw malformed(
            file,
            String.format(
                Locale.ROOT,
                "file version %d is not supported (this build reads version %d)",
                version,
                VERSION));
      }
      int fileUsers = header.getInt();
      int fileItems = header.getInt();
      long entries = header.getLong();
      if (fileUsers != users || fileItems != itemCount) {
        throw malformed(
            file,
            String.format(
                Locale.ROOT,
                "is of %d users and %d items, the manifest says %d and %d",
                fileUsers,
                fileItems,
                users,
                itemCount));
      }
      long expected = HEADER_BYTES + 4L * users + 4L * entries;
      if (entries < 0 || entries > Integer.MAX_VALUE - 8 || size != expected) {
        throw malformed(
            file,
            String.format(
                Locale.ROOT,
                "has %d bytes, its header implies %d (%d users, %d entries)",
                size,
                expected,
                users,
                entries));
      }
      int[] counts = readInts(in, users);
      int[] starts = new int[users + 1];
      for (int u = 0; u < users; u++) {
        if (counts[u] < 0) {
          throw malformed(file, "user row " + u + " has a negative count");
        }
        starts[u + 1] = starts[u] + counts[u];
      }
      if (starts[users] != entries) {
        throw malformed(
            file,
            String.format(
                Locale.ROOT,
                "its counts add up to %d, its header says %d",
                starts[users],
                entries));
      }
      int[] items = readInts(in, (int) entries);
      for (int i = 0; i < items.length; i++) {
        if (items[i] < 0 || items[i] >= itemCount) {
          throw malformed(
              file,
              String.format(
                  Locale.ROOT,
                  "entry %d is item row %d, not in 0..%d",
                  i,
                  items[i],
                  itemCount - 1));
        }
      }
      return new RecentItems(starts, items);
    }
  }

  private static int[] readInts(InputStream in, int n) throws IOException {
    int[] out = new int[n];
    byte[] chunk = new byte[1 << 16];
    int index = 0;
    while (index < n) {
      int want = Math.min(chunk.length, (n - index) * Integer.BYTES);
      int got = in.readNBytes(chunk, 0, want);
      if (got != want) {
        throw new IOException("unexpected end of file");
      }
      ByteBuffer view = ByteBuffer.wrap(chunk, 0, got).order(ByteOrder.LITTLE_ENDIAN);
      while (view.hasRemaining()) {
        out[index++] = view.getInt();
      }
    }
    return out;
  }

  private static IOException malformed(Path file, String problem) {
    return new IOException(file + ": " + problem);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecentItems r
        && Arrays.equals(starts, r.starts)
        && Arrays.equals(items, r.items);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(starts) + Arrays.hashCode(items);
  }

  @Override
  public String toString() {
    return "RecentItems[users=" + users() + ", entries=" + items.length + "]";
  }
}
