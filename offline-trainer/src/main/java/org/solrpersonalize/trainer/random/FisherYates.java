package org.solrpersonalize.trainer.random;

import java.util.SplittableRandom;

/**
 * The Fisher-Yates shuffle, from the last position down, one {@code nextInt} per position: callers'
 * results depend on this exact order of draws, so there is one copy of it.
 */
public final class FisherYates {
  private FisherYates() {}

  /** Shuffles {@code values} in place, uniformly over permutations. */
  public static void shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  /** {@code 0..n-1} in a uniformly random order: {@link #shuffle} of the identity. */
  public static int[] permutation(int n, SplittableRandom random) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    shuffle(values, random);
    return values;
  }
}
