package org.solrpersonalize.trainer.random;

/**
 * One seed per (run seed, stream, row), so that each row of each use draws from its own generator:
 * values do not depend on the thread that draws them or on the rows around them, and no two streams
 * share a generator.
 *
 * <pre>{@code
 * SplittableRandom random = new SplittableRandom(RowSeeds.of(42, RowSeeds.HOLDOUT_SPLIT, user));
 * }</pre>
 */
public final class RowSeeds {
  // Streams 0 and 1 are the initial user and item factors (FactorInit.USER_SIDE, ITEM_SIDE).

  /** Which of a user's items a random holdout keeps out. */
  public static final int HOLDOUT_SPLIT = 2;

  /** A synthetic user's events (the launcher's generated logs). */
  public static final int SYNTHETIC_EVENTS = 3;

  private static final int STREAMS = 4;

  /** Rows per stream: far above any int row index, far below the streams' spacing. */
  private static final long MAX_ROW = 1L << 46;

  private RowSeeds() {}

  /**
   * The SplitMix64 finalizer over a counter of (stream, row). The two factor streams interleave
   * ({@code 1 + 2 row + stream}), as they did before the other streams existed, so a seed gives the
   * models it always gave; each further pair of streams starts 2^48 counters on, where no row of
   * another stream reaches.
   */
  public static long of(long seed, int stream, long row) {
    if (stream < 0 || stream >= STREAMS || row < 0 || row >= MAX_ROW) {
      throw new IllegalArgumentException(
          "no seed for stream " + stream + ", row " + row + " (streams 0-3, rows 0-2^46)");
    }
    long counter = 1 + 2 * row + (stream & 1) + ((long) (stream >> 1) << 48);
    long z = seed + 0x9E3779B97F4A7C15L * counter;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
