package org.solrpersonalize.trainer.weighting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.CsrMatrix;

class ConfidenceLimitTest {
  private static final CsrMatrix LARGE_SUM =
      new CsrMatrix(2, 2, new int[] {0, 1, 3}, new int[] {1, 0, 1}, new float[] {1, 2, 3e8f});

  @Test
  void theLargestConfidenceIsNamedByItsUserAndItem() {
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> ConfidenceLimit.check(LARGE_SUM, 5, List.of("u1", "u2"), List.of("a", "b")));
    assertEquals(
        "the confidence 1 + alpha * w = 1 + 5.0 * 3.0E8 of user 'u2' and item 'b' is above 1e9,"
            + " beyond which the float solver gives NaN factors; lower --alpha, use a smaller unit"
            + " for the weights, or --confidence log",
        e.getMessage());
  }

  @Test
  void confidenceUpToTheLimitPasses() {
    ConfidenceLimit.check(LARGE_SUM, 3, List.of("u1", "u2"), List.of("a", "b"));
    ConfidenceLimit.check(
        ConfidenceWeighting.of(ConfidenceScheme.LOG).weigh(LARGE_SUM),
        1e7,
        List.of("u1", "u2"),
        List.of("a", "b"));
  }
}
