package org.solrpersonalize.trainer.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.random.RowSeeds;

/**
 * Splits each user's items into train and test. A user with n >= 2 items gives {@code h =
 * clamp(round(fraction * n), 1, n - 1)} of them to the test set, so every evaluated user keeps some
 * history; a user with a single item stays in train. {@link SplitMode#RANDOM} picks the h items
 * with a generator seeded per user; {@link SplitMode#LAST} takes the h most recent ones (items
 * without a time count as oldest; among equal times the higher item index counts as more recent).
 *
 * <pre>{@code
 * HoldoutSplit.Result split = HoldoutSplit.split(data, SplitMode.RANDOM, 0.2, 42);
 * }</pre>
 */
public final class HoldoutSplit {
  /** Train and test matrices, both users x items in the index space of the input. */
  public record Result(CsrMatrix train, CsrMatrix test) {}

  private HoldoutSplit() {}

  public static Result split(Interactions data, SplitMode mode, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new BadInputException("--holdout must be in (0, 1), got " + fraction);
    }
    if (mode == SplitMode.LAST && data.timestamps() == null) {
      throw new BadInputException(
          "--split last needs timestamps, and the input has no timestamp column");
    }
    CsrMatrix all = data.userItems();
    boolean[] inTest = new boolean[all.nnz()];
    int longest = 0;
    for (int u = 0; u < all.rows(); u++) {
      longest = Math.max(longest, all.rowLength(u));
    }
    int[] positions = new int[longest];
    long[] keys = new long[longest];
    for (int u = 0; u < all.rows(); u++) {
      int n = all.rowLength(u);
      if (n < 2) {
        continue;
      }
      int held = heldOut(n, fraction);
      int start = all.rowStart(u);
      if (mode == SplitMode.RANDOM) {
        markRandom(seed, u, n, held, positions, inTest, start);
      } else {
        // The h latest times: everything after the h-th latest time, then ties at that time
        // from the highest item index down.
        long[] times = data.timestamps();
        System.arraycopy(times, start, keys, 0, n);
        Arrays.sort(keys, 0, n);
        long threshold = keys[n - held];
        int need = held;
        for (int j = 0; j < n; j++) {
          if (times[start + j] > threshold) {
            inTest[start + j] = true;
            need--;
          }
        }
        for (int j = n - 1; j >= 0 && need > 0; j--) {
          if (times[start + j] == threshold) {
            inTest[start + j] = true;
            need--;
          }
        }
      }
    }
    return new Result(select(all, inTest, false), select(all, inTest, true));
  }

  /** How many of a user's {@code n} items go to the test set: {@code clamp(round(f n), 1, n-1)}. */
  public static int heldOut(int n, double fraction) {
    return (int) Math.max(1, Math.min(n - 1, Math.round(fraction * n)));
  }

  /**
   * The random pick of one user (row {@code user}, {@code n >= 2} items in column order): sets
   * {@code inTest[offset + j]} for the {@code held} items chosen. Public so that the Spark engine
   * splits each user exactly as {@link #split} does.
   *
   * @param positions scratch of at least {@code n} ints
   */
  public static void markRandom(
      long seed, int user, int n, int held, int[] positions, boolean[] inTest, int offset) {
    for (int j = 0; j < n; j++) {
      positions[j] = j;
    }
    SplittableRandom random = new SplittableRandom(RowSeeds.of(seed, RowSeeds.HOLDOUT_SPLIT, user));
    // Partial Fisher-Yates: the first `held` slots end up a uniform sample.
    for (int j = 0; j < held; j++) {
      int pick = j + random.nextInt(n - j);
      int t = positions[j];
      positions[j] = positions[pick];
      positions[pick] = t;
      inTest[offset + positions[j]] = true;
    }
  }

  private static CsrMatrix select(CsrMatrix all, boolean[] inTest, boolean wanted) {
    int[] rowPtr = new int[all.rows() + 1];
    int count = 0;
    for (boolean b : inTest) {
      if (b == wanted) {
        count++;
      }
    }
    int[] cols = new int[count];
    float[] vals = new float[count];
    int n = 0;
    for (int u = 0; u < all.rows(); u++) {
      for (int e = all.rowStart(u); e < all.rowEnd(u); e++) {
        if (inTest[e] == wanted) {
          cols[n] = all.cols()[e];
          vals[n++] = all.vals()[e];
        }
      }
      rowPtr[u + 1] = n;
    }
    return new CsrMatrix(all.rows(), all.columns(), rowPtr, cols, vals);
  }
}
