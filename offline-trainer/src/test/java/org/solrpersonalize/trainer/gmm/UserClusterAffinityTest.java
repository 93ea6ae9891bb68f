package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UserClusterAffinityTest {
  /** Items x K = 3 x 2 posteriors. */
  private static final float[] GAMMA = {1, 0, 0.5f, 0.5f, 0.25f, 0.75f};

  private static final double[] PI = {0.25, 0.75};

  @Test
  void smoothsTheItemPosteriorsTowardTheGlobalWeights() {
    // user 0: item 0 (w 1), item 1 (w 3); user 1: nothing; user 2: item 2 (w 2), item 0 (w 1).
    int[] rowPtr = {0, 2, 2, 4};
    int[] cols = {0, 1, 2, 0};
    float[] vals = {1, 3, 2, 1};
    float[] log = UserClusterAffinity.logAffinities(3, rowPtr, cols, vals, GAMMA, PI, 2.0);
    // user 0: (0.5 + 1 + 1.5, 1.5 + 0 + 1.5) = (3, 3)       -> (1/2, 1/2)
    // user 1: (0.5, 1.5)                                    -> (1/4, 3/4)
    // user 2: (0.5 + 0.5 + 1, 1.5 + 1.5 + 0) = (2, 3)       -> (2/5, 3/5)
    float[] expected = {
      (float) Math.log(0.5), (float) Math.log(0.5),
      (float) Math.log(0.25), (float) Math.log(0.75),
      (float) Math.log(0.4), (float) Math.log(0.6)
    };
    assertArrayEquals(expected, log, 0f);
  }

  @Test
  void withoutPriorAUserFollowsTheirItems() {
    float[] log =
        UserClusterAffinity.logAffinities(
            1, new int[] {0, 1}, new int[] {2}, new float[] {5}, GAMMA, PI, 0.0);
    assertArrayEquals(new float[] {(float) Math.log(0.25), (float) Math.log(0.75)}, log, 0f);
  }

  @Test
  void badInputIsNamed() {
    assertEquals(
        "user 1: item index 3 is outside [0, 3)",
        invalid(
            () ->
                UserClusterAffinity.logAffinities(
                    2, new int[] {0, 1, 2}, new int[] {0, 3}, new float[] {1, 1}, GAMMA, PI, 1)));
    assertEquals(
        "user 0: weight of item 1 must be finite and >= 0, got -1.0",
        invalid(
            () ->
                UserClusterAffinity.logAffinities(
                    1, new int[] {0, 1}, new int[] {1}, new float[] {-1}, GAMMA, PI, 1)));
    assertEquals(
        "user 0 has no positive interaction weight and prior is 0.0: affinity undefined",
        invalid(
            () ->
                UserClusterAffinity.logAffinities(
                    1, new int[] {0, 0}, new int[0], new float[0], GAMMA, PI, 0)));
    assertEquals(
        "rowPtr must hold users + 1 = 3 offsets starting at 0",
        invalid(
            () ->
                UserClusterAffinity.logAffinities(
                    2, new int[] {0, 1}, new int[] {0}, new float[] {1}, GAMMA, PI, 1)));
    assertEquals(
        "rowPtr decreases at user 1: 2 then 1",
        invalid(
            () ->
                UserClusterAffinity.logAffinities(
                    2, new int[] {0, 2, 1}, new int[] {0}, new float[] {1}, GAMMA, PI, 1)));
    assertEquals(
        "cols and vals must both hold rowPtr[users] = 1 values, got 1 and 2",
        invalid(
            () ->
                UserClusterAffinity.logAffinities(
                    1, new int[] {0, 1}, new int[] {0}, new float[] {1, 2}, GAMMA, PI, 1)));
    assertEquals(
        "itemResponsibilities must hold items x K = items x 2 values, got 5",
        invalid(
            () ->
                UserClusterAffinity.logAffinities(
                    1, new int[] {0, 0}, new int[0], new float[0], new float[5], PI, 1)));
    assertEquals(
        "prior must be finite and >= 0, got -1.0",
        invalid(
            () ->
                UserClusterAffinity.logAffinities(
                    1, new int[] {0, 0}, new int[0], new float[0], GAMMA, PI, -1)));
  }

  private static String invalid(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
