package org.solrpersonalize.solr.search;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

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
}
