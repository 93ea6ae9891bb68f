package org.solrpersonalize.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.Interactions;

class HoldoutSplitTest {
  /** u0 has items 0..9 at times 100-10*i (item 0 latest), u1 has one item, u2 items 0..3. */
  private static Interactions data(boolean withTimes) {
    int[] users = new int[15];
    int[] items = new int[15];
    float[] weights = new float[15];
    long[] times = new long[15];
    int n = 0;
    for (int i = 0; i < 10; i++) {
      users[n] = 0;
      items[n] = i;
      weights[n] = 1;
      times[n++] = 100 - 10 * i;
    }
    users[n] = 1;
    items[n] = 5;
    weights[n] = 1;
    times[n++] = 1;
    for (int i = 0; i < 4; i++) {
      users[n] = 2;
      items[n] = i;
      weights[n] = 1;
      times[n++] = 7; // all at the same time: ties go to the higher item index
    }
    return Interactions.fromTriples(
        List.of("u0", "u1", "u2"),
        List.of("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9"),
        users,
        items,
        weights,
        withTimes ? times : null,
        "test");
  }

  private static int[] row(CsrMatrix m, int u) {
    return java.util.Arrays.copyOfRange(m.cols(), m.rowStart(u), m.rowEnd(u));
  }

  @Test
  void lastHoldsOutTheMostRecentItems() {
    HoldoutSplit.Result split = HoldoutSplit.split(data(true), SplitMode.LAST, 0.3, 1);
    assertArrayEquals(new int[] {0, 1, 2}, row(split.test(), 0));
    assertArrayEquals(new int[] {3, 4, 5, 6, 7, 8, 9}, row(split.train(), 0));
    assertArrayEquals(new int[] {}, row(split.test(), 1));
    assertArrayEquals(new int[] {5}, row(split.train(), 1));
    // round(0.3 * 4) = 1 held out; among equal times the highest index.
    assertArrayEquals(new int[] {3}, row(split.test(), 2));
  }

  @Test
  void randomHoldsOutARoundedFractionAndDependsOnlyOnTheSeed() {
    HoldoutSplit.Result a = HoldoutSplit.split(data(false), SplitMode.RANDOM, 0.3, 42);
    HoldoutSplit.Result b = HoldoutSplit.split(data(false), SplitMode.RANDOM, 0.3, 42);
    assertEquals(3, a.test().rowLength(0));
    assertEquals(7, a.train().rowLength(0));
    assertEquals(0, a.test().rowLength(1));
    assertEquals(1, a.test().rowLength(2));
    assertEquals(15, a.train().nnz() + a.test().nnz());
    assertArrayEquals(a.test().cols(), b.test().cols());
    assertArrayEquals(a.train().rowPtr(), b.train().rowPtr());
  }

  @Test
  void everyUserKeepsOneTrainingItem() {
    HoldoutSplit.Result split = HoldoutSplit.split(data(false), SplitMode.RANDOM, 0.99, 3);
    assertEquals(1, split.train().rowLength(0));
    assertEquals(1, split.train().rowLength(2));
  }

  @Test
  void lastNeedsTimestamps() {
    BadInputException e =
        assertThrows(
            BadInputException.class, () -> HoldoutSplit.split(data(false), SplitMode.LAST, 0.2, 1));
    assertEquals(
        "--split last needs timestamps, and the input has no timestamp column", e.getMessage());
    assertEquals(
        "--holdout must be in (0, 1), got 1.0",
        assertThrows(
                BadInputException.class,
                () -> HoldoutSplit.split(data(true), SplitMode.RANDOM, 1.0, 1))
            .getMessage());
  }
}
