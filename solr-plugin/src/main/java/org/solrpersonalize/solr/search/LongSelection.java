package org.solrpersonalize.solr.search;

import java.util.Arrays;
import org.apache.lucene.util.IntroSelector;

/**
 * Partial orders of packed {@code long} keys (a window's hits): only as much order as a request
 * shows. Lucene's {@link IntroSelector} finds the best {@code k} of {@code n} in linear time; only
 * those are then sorted.
 */
final class LongSelection {
  private LongSelection() {}

  /** Moves the {@code k} largest of {@code keys[0, size)} to {@code [0, k)}, in no order. */
  static void selectLargest(long[] keys, int size, int k) {
    if (k > 0 && k < size) {
      new Selector(keys, true).select(0, size, k - 1);
    }
  }

  /**
   * Puts the {@code k} smallest of {@code keys[0, size)} first, in ascending order; the others
   * follow in no order. {@code k >= size} sorts them all.
   */
  static void sortSmallest(long[] keys, int size, int k) {
    if (k < size && k > 0) {
      new Selector(keys, false).select(0, size, k - 1);
    }
    Arrays.sort(keys, 0, Math.min(k, size));
  }

  private static final class Selector extends IntroSelector {
    private final long[] keys;
    private final boolean descending;
    private long pivot;

    Selector(long[] keys, boolean descending) {
      this.keys = keys;
      this.descending = descending;
    }

    @Override
    protected void setPivot(int i) {
      pivot = keys[i];
    }

    @Override
    protected int comparePivot(int j) {
      return descending ? Long.compare(keys[j], pivot) : Long.compare(pivot, keys[j]);
    }

    @Override
    protected void swap(int i, int j) {
      long t = keys[i];
      keys[i] = keys[j];
      keys[j] = t;
    }
  }
}
