package org.solrpersonalize.solr.search;

import java.util.Arrays;
import org.apache.lucene.util.IntroSelector;

/**
 * Partial orders of packed {@code long} keys (a window's hits): only as much order as a request
 * shows. Lucene's {@link IntroSelector} finds the best {@code k} of {@code n} in linear time; only
 * those are then sorted. Two cheaper paths where the request allows: a small {@code k} (a page)
 * takes one insertion pass, and a collector that only needs room in its buffer keeps the keys above
 * a pivot estimated from a sample ({@link #pivotKeeping}), not exactly the best {@code k}. Measured
 * with 1,000 random keys in a loop on the bench machine; in the rerank of the bench (250,000
 * products, reRankDocs=1000, 17,600 hits per query) the collector's cuts took 25.6 us per request
 * instead of 42.3 us, the page's selection 8.2 us instead of 11.5 us (docs/benchmark.md).
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
    if (k > 0 && k < size) {
      if (k <= INSERTION_K) {
        insertSmallest(keys, size, k);
        return;
      }
      new Selector(keys, false).select(0, size, k - 1);
    }
    Arrays.sort(keys, 0, Math.min(k, size));
  }

  /** Up to this k, {@link #sortSmallest} keeps a sorted prefix in one pass instead of selecting. */
  private static final int INSERTION_K = 32;

  /**
   * {@link #sortSmallest} for a small k: the first k keys sorted, then one pass over the others; a
   * key below the prefix's last takes its place (the displaced key goes where it was) and sinks
   * into order. For keys in random order about k ln(n/k) enter: n = 1,000, k = 10 took 1.5 us
   * against 4.9 us for the selection (8.2 us against 11.5 us in the bench's rerank, 250,000
   * products).
   */
  private static void insertSmallest(long[] keys, int size, int k) {
    Arrays.sort(keys, 0, k);
    long worst = keys[k - 1];
    for (int i = k; i < size; i++) {
      long key = keys[i];
      if (key < worst) {
        keys[i] = worst;
        int j = k - 1;
        while (j > 0 && keys[j - 1] > key) {
          keys[j] = keys[j - 1];
          j--;
        }
        keys[j] = key;
        worst = keys[k - 1];
      }
    }
  }

  /** Keys of {@link #pivotKeeping}'s sample. */
  static final int SAMPLE = 128;

  /**
   * A pivot that at least {@code k} of {@code keys[0, size)} are not below, estimated from {@link
   * #SAMPLE} evenly spaced keys and aimed two and a half standard errors above {@code k} (about 1.2
   * k for k = size / 2); {@link Long#MIN_VALUE} when it would keep fewer than {@code k} or free
   * less than an eighth of the keys, where only an exact selection will do. Cheaper than one: a
   * selection among the sample and a branch-free count, where a selection's partitions over all the
   * keys mispredict about every other key (2,000 keys, k = 1,000: 4.9 us with the cut's {@link
   * #keepFrom} against 17.1 us for {@link #selectLargest}). Selecting the sample's one key the
   * pivot needs instead of sorting the sample: 2.0 us against 3.5 for this method, in a loop.
   *
   * @param sample scratch of at least {@link #SAMPLE} keys
   */
  static long pivotKeeping(long[] keys, int size, int k, long[] sample) {
    if (k <= 0 || k >= size || size < 4 * SAMPLE) {
      return Long.MIN_VALUE;
    }
    double kept = (double) k / size;
    double margin = 2.5 * Math.sqrt(kept * (1 - kept) / SAMPLE);
    int below = (int) Math.floor(SAMPLE * (1 - kept - margin));
    if (below <= 0) {
      return Long.MIN_VALUE;
    }
    for (int s = 0; s < SAMPLE; s++) {
      sample[s] = keys[(int) ((long) s * size / SAMPLE)];
    }
    new Selector(sample, false).select(0, SAMPLE, below); // the sample's below-th smallest
    long pivot = sample[below];
    int count = 0;
    for (int i = 0; i < size; i++) {
      count += keys[i] >= pivot ? 1 : 0;
    }
    return count < k || count > size - size / 8 ? Long.MIN_VALUE : pivot;
  }

  /**
   * Moves the keys of {@code keys[0, size)} not below {@code pivot} to the front, in their order,
   * and returns how many there are.
   */
  static int keepFrom(long[] keys, int size, long pivot) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      long key = keys[i];
      keys[kept] = key;
      kept += key >= pivot ? 1 : 0;
    }
    return kept;
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
