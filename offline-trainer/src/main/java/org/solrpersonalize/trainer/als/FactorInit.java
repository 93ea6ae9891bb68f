package org.solrpersonalize.trainer.als;

import java.util.SplittableRandom;

/**
 * Seeded initial factors. Each row draws from its own generator, seeded from (seed, side, row), so
 * the values do not depend on the thread that fills them or on the rows around them.
 */
public final class FactorInit {
  /** Small enough that the first solves are dominated by the data, not by the noise. */
  static final double SCALE = 0.01;

  /** The {@code side} of the user factors. */
  public static final int USER_SIDE = 0;

  /** The {@code side} of the item factors. */
  public static final int ITEM_SIDE = 1;

  private FactorInit() {}

  /**
   * @param side {@link #USER_SIDE} or {@link #ITEM_SIDE}: the two differ under the same seed
   * @return rows x k row-major, values {@code SCALE * N(0, 1)}
   */
  public static float[] gaussian(int rows, int k, long seed, int side) {
    float[] out = new float[Math.multiplyExact(rows, k)];
    for (int row = 0; row < rows; row++) {
      SplittableRandom random = new SplittableRandom(rowSeed(seed, side, row));
      for (int j = 0; j < k; j++) {
        out[row * k + j] = (float) (SCALE * random.nextGaussian());
      }
    }
    return out;
  }

  /** A well-mixed seed per (seed, side, row): the SplitMix64 finalizer over their combination. */
  public static long rowSeed(long seed, int side, long row) {
    long z = seed + 0x9E3779B97F4A7C15L * (1 + row * 2 + side);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
