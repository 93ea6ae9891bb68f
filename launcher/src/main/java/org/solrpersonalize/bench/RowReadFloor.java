package org.solrpersonalize.bench;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.solrpersonalize.solr.cache.SlotFactors;

/**
 * What this machine needs, at the least, to read a rerank window's cached rows: {@code window} rows
 * picked at random from {@code rows} rows of {@code rowFloats} floats (the float item-factor cache
 * of a one-segment catalog), in row order as the rerank walks them, every cache line of each loaded
 * (the rerank's own loads, {@link SlotFactors#touchRow}), the caches flushed before each round. No
 * arithmetic, no Solr: what the rerank adds to a search cannot go below this, whatever its code
 * does.
 *
 * <p>Why the bench prints it: on the bench machine (2 shared cores, AMD EPYC) the rerank of 1,000
 * hits at 250,000 products adds 0.20 to 0.25 ms to the search, and its walk over the rows takes 100
 * to 111 us of that, against 65 to 68 us for these reads alone (docs/benchmark.md). A team reading
 * the (b)/(a) ratio on its own hardware sees here how much of what the rerank adds is the memory's.
 */
final class RowReadFloor {
  /**
   * Bytes written between rounds to push the rows out of the caches: twice the 32 MB last-level
   * cache of the bench machine.
   */
  static final int FLUSH_BYTES = 64 << 20;

  private RowReadFloor() {}

  /**
   * The median time, in microseconds, of {@code rounds} reads of {@code window} random rows (the
   * first quarter of the rounds warms up and is not counted).
   */
  static double medianMicros(int rows, int rowFloats, int window, int rounds, long seed) {
    float[] slot = new float[Math.multiplyExact(rows, rowFloats)];
    Arrays.fill(slot, 1f); // every page of the slot mapped, as a built cache's are
    byte[] flush = new byte[FLUSH_BYTES];
    SplittableRandom random = new SplittableRandom(seed);
    long[] nanos = new long[rounds];
    int loaded = 0;
    for (int r = 0; r < rounds; r++) {
      int[] picked = windowRows(rows, window, random);
      for (int i = 0; i < flush.length; i += 64) {
        flush[i]++;
      }
      long start = System.nanoTime();
      for (int row : picked) {
        loaded ^= SlotFactors.touchRow(slot, row * rowFloats, rowFloats);
      }
      nanos[r] = System.nanoTime() - start;
    }
    sink = loaded;
    long[] measured = Arrays.copyOfRange(nanos, rounds / 4, rounds);
    Arrays.sort(measured);
    return measured[measured.length / 2] / 1_000.0;
  }

  /** Where the loaded bits go, so that the JIT keeps the loads. */
  @SuppressWarnings("unused")
  private static int sink;

  /** {@code min(window, rows)} distinct rows of {@code [0, rows)}, ascending. */
  static int[] windowRows(int rows, int window, SplittableRandom random) {
    int n = Math.min(window, rows);
    BitSet taken = new BitSet(rows);
    int[] picked = new int[n];
    for (int i = 0; i < n; i++) {
      int row = random.nextInt(rows);
      while (taken.get(row)) {
        row = row + 1 == rows ? 0 : row + 1;
      }
      taken.set(row);
      picked[i] = row;
    }
    Arrays.sort(picked);
    return picked;
  }
}
