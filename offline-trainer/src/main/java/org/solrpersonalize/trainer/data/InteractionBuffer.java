package org.solrpersonalize.trainer.data;

import java.util.Arrays;

/**
 * Interactions as they are read, one slot per used line in parallel primitive arrays (12 bytes a
 * line, 20 with timestamps), so that 10M lines cost a few hundred MB and no object per line.
 */
final class InteractionBuffer {
  private int[] users = new int[1024];
  private int[] items = new int[1024];
  private float[] weights = new float[1024];
  private long[] timestamps;
  private int size;

  InteractionBuffer() {}

  /** Wraps arrays filled elsewhere (the first {@code size} entries are used). */
  InteractionBuffer(int[] users, int[] items, float[] weights, long[] timestamps, int size) {
    this.users = users;
    this.items = items;
    this.weights = weights;
    this.timestamps = timestamps;
    this.size = size;
  }

  /**
   * Appends one interaction; {@code timestamp} may be {@link ParsedLine#NO_TIMESTAMP}. The
   * timestamp array is only allocated once a line has a time.
   */
  void add(int user, int item, float weight, long timestamp) {
    if (timestamps == null && timestamp != ParsedLine.NO_TIMESTAMP) {
      timestamps = new long[users.length];
      java.util.Arrays.fill(timestamps, 0, size, ParsedLine.NO_TIMESTAMP);
    }
    if (size == users.length) {
      int capacity = grow(size);
      users = Arrays.copyOf(users, capacity);
      items = Arrays.copyOf(items, capacity);
      weights = Arrays.copyOf(weights, capacity);
      if (timestamps != null) {
        timestamps = Arrays.copyOf(timestamps, capacity);
      }
    }
    users[size] = user;
    items[size] = item;
    weights[size] = weight;
    if (timestamps != null) {
      timestamps[size] = timestamp;
    }
    size++;
  }

  private static int grow(int size) {
    long capacity = size + (size >> 1) + 16L;
    if (capacity > Integer.MAX_VALUE - 8) {
      throw new BadInputException("more than 2^31 interactions are not supported");
    }
    return (int) capacity;
  }

  /** Drops the arrays once their content has been moved elsewhere, to halve the peak memory. */
  void release() {
    users = new int[0];
    items = new int[0];
    weights = new float[0];
    timestamps = timestamps == null ? null : new long[0];
    size = 0;
  }

  int size() {
    return size;
  }

  int[] users() {
    return users;
  }

  int[] items() {
    return items;
  }

  float[] weights() {
    return weights;
  }

  /**
   * Epoch milliseconds ({@link ParsedLine#NO_TIMESTAMP} for lines without), or null when no line
   * had one.
   */
  long[] timestamps() {
    return timestamps;
  }
}
