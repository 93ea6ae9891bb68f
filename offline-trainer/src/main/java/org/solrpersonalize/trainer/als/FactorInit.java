package org.solrpersonalize.trainer.als;

import java.util.SplittableRandom;
import org.solrpersonalize.trainer.random.RowSeeds;

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
      row(seed, side, row, out, row * k, k);
    }
    return out;
  }

  /** Writes row {@code row} of {@link #gaussian} into {@code out[offset..offset+k)}. */
  static void row(long seed, int side, long row, float[] out, int offset, int k) {
    SplittableRandom random = new SplittableRandom(RowSeeds.of(seed, side, row));
    for (int j = 0; j < k; j++) {
      out[offset + j] = (float) (SCALE * random.nextGaussian());
    }
  }
}
