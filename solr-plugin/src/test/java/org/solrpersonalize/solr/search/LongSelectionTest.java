package org.solrpersonalize.solr.search;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.Test;

public class LongSelectionTest {
  @Test
  public void sortsTheSmallestFirstAndKeepsTheOthersAfterThem() {
    long[] keys = {9, 3, 7, 1, 8, 2, 6};
    LongSelection.sortSmallest(keys, keys.length, 3);
    assertArrayEquals(new long[] {1, 2, 3}, Arrays.copyOf(keys, 3));
    long[] rest = Arrays.copyOfRange(keys, 3, keys.length);
    Arrays.sort(rest);
    assertArrayEquals(new long[] {6, 7, 8, 9}, rest);
  }

  @Test
  public void aPrefixAsLongAsTheKeysSortsThemAll() {
    long[] keys = {5, -1, 4};
    LongSelection.sortSmallest(keys, keys.length, 10);
    assertArrayEquals(new long[] {-1, 4, 5}, keys);
  }

  /** The rerank's keys: the first k equal a full sort's first k, for any k. */
  @Test
  public void anyPrefixEqualsTheFullSortsPrefix() {
    SplittableRandom random = new SplittableRandom(7);
    long[] keys = new long[1000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ((long) random.nextInt(50) << 32) | i; // repeated scores, unique ranks
    }
    long[] sorted = keys.clone();
    Arrays.sort(sorted);
    for (int k : new int[] {0, 1, 10, 999, 1000}) {
      long[] partial = keys.clone();
      LongSelection.sortSmallest(partial, partial.length, k);
      assertArrayEquals(Arrays.copyOf(sorted, k), Arrays.copyOf(partial, k));
    }
  }

  @Test
  public void movesTheLargestToTheFront() {
    long[] keys = {4, 11, 2, 10, 12, 0};
    LongSelection.selectLargest(keys, 5, 2); // the last key is not in the range
    long[] best = Arrays.copyOf(keys, 2);
    Arrays.sort(best);
    assertArrayEquals(new long[] {11, 12}, best);
    assertEquals(0, keys[5]);
  }

  /**
   * A collector's cut: at least k keys, every key above the pivot in its order, the best k among
   * them, and about 1.2 k for k = size / 2.
   */
  @Test
  public void aSampledPivotKeepsTheBestKeysInTheirOrder() {
    SplittableRandom random = new SplittableRandom(3);
    long[] sample = new long[LongSelection.SAMPLE];
    for (int size : new int[] {512, 2000, 4000}) {
      long[] keys = new long[size];
      for (int i = 0; i < size; i++) {
        keys[i] = ((long) random.nextInt(1 << 20) << 32) | i;
      }
      int k = size / 2;
      long pivot = LongSelection.pivotKeeping(keys.clone(), size, k, sample);
      long[] expected = Arrays.stream(keys).filter(key -> key >= pivot).toArray();
      long[] best = keys.clone();
      Arrays.sort(best);
      assertTrue("size " + size, expected.length >= k);
      assertTrue("size " + size + ": kept " + expected.length, expected.length < 1.35 * k);
      assertTrue("size " + size, best[size - k] >= pivot); // the k-th largest is kept
      long[] cut = keys.clone();
      assertEquals(expected.length, LongSelection.keepFrom(cut, size, pivot));
      assertArrayEquals(expected, Arrays.copyOf(cut, expected.length));
    }
  }

  /** A sample that misjudges (here every sampled key is the largest) gives no pivot. */
  @Test
  public void aMisleadingSampleOrTooFewKeysGiveNoPivot() {
    int size = 2000;
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = i;
    }
    for (int s = 0; s < LongSelection.SAMPLE; s++) {
      keys[(int) ((long) s * size / LongSelection.SAMPLE)] = 1_000_000 + s;
    }
    long[] sample = new long[LongSelection.SAMPLE];
    assertEquals(Long.MIN_VALUE, LongSelection.pivotKeeping(keys, size, 1000, sample));
    assertEquals(Long.MIN_VALUE, LongSelection.pivotKeeping(new long[511], 511, 100, sample));
  }
}
