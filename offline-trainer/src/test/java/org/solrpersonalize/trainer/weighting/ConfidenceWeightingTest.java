package org.solrpersonalize.trainer.weighting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.CsrMatrix;

class ConfidenceWeightingTest {
  /**
   * {@code [[2, 0, 1], [0, 5, 0], [0, 0, 1]]}: items 0 and 1 have one user each, item 2 two; the
   * users' weight sums are 3, 5 and 1, their mean 3.
   */
  private static CsrMatrix matrix() {
    return new CsrMatrix(
        3, 3, new int[] {0, 2, 3, 4}, new int[] {0, 2, 1, 2}, new float[] {2, 1, 5, 1});
  }

  @Test
  void linearKeepsTheWeights() {
    CsrMatrix m = matrix();
    assertSame(m, ConfidenceWeighting.LINEAR.weigh(m));
  }

  @Test
  void logIsLogOnePlusWeightOverEps() {
    CsrMatrix logged = ConfidenceWeighting.of(ConfidenceScheme.LOG).weigh(matrix());
    // log(1 + 2), log(1 + 1), log(1 + 5), log(1 + 1)
    assertArrayEquals(
        new float[] {
          (float) Math.log(3), (float) Math.log(2), (float) Math.log(6), (float) Math.log(2)
        },
        logged.vals());
    assertArrayEquals(new float[] {1.0986123f, 0.6931472f, 1.7917595f, 0.6931472f}, logged.vals());
    assertArrayEquals(matrix().cols(), logged.cols());
    assertArrayEquals(matrix().rowPtr(), logged.rowPtr());

    CsrMatrix eps2 = new ConfidenceWeighting(ConfidenceScheme.LOG, 2, 100, 0.8).weigh(matrix());
    // log(1 + 2/2), log(1 + 1/2), log(1 + 5/2), log(1 + 1/2)
    assertArrayEquals(new float[] {0.6931472f, 0.4054651f, 1.2527629f, 0.4054651f}, eps2.vals());
  }

  @Test
  void bm25WeighsByItemRarityAndUserLength() {
    // idf = log(3 / (1 + users of the item)): log 1.5 for items 0 and 1, log 1 = 0 for item 2.
    // Length norms (1 - 0.8) + 0.8 * sum / 3: 1 for user 0, 1.5333 for user 1, 0.4667 for user 2.
    // (0, 0): 2 * 101 / (100 * 1 + 2) * log 1.5 = 0.80298
    // (1, 1): 5 * 101 / (100 * 1.5333 + 5) * log 1.5 = 1.29322
    CsrMatrix weighted = ConfidenceWeighting.of(ConfidenceScheme.BM25).weigh(matrix());
    assertArrayEquals(new float[] {0.80297995f, 0f, 1.2932203f, 0f}, weighted.vals());

    // K1 = 1.2, B = 0.75: (0, 0) = 2 * 2.2 / (1.2 * 1 + 2) * log 1.5,
    // (1, 1) = 5 * 2.2 / (1.2 * (0.25 + 0.75 * 5 / 3) + 5) * log 1.5
    CsrMatrix classic =
        new ConfidenceWeighting(ConfidenceScheme.BM25, 1, 1.2, 0.75).weigh(matrix());
    assertArrayEquals(new float[] {0.55751455f, 0f, 0.65589947f, 0f}, classic.vals());
  }

  @Test
  void bm25GivesAnItemEveryUserHasZeroInsteadOfANegativeWeight() {
    // [[1, 2, 0], [3, 0, 1], [1, 0, 0]]: item 0 has all three users, idf = log(3 / 4) < 0, where
    // implicit's bm25_weight gives -0.2618, -0.6096 and -0.5697.
    CsrMatrix m =
        new CsrMatrix(
            3, 3, new int[] {0, 2, 4, 5}, new int[] {0, 1, 0, 2, 0}, new float[] {1, 2, 3, 1, 1});
    CsrMatrix weighted = ConfidenceWeighting.of(ConfidenceScheme.BM25).weigh(m);
    assertArrayEquals(new float[] {0f, 0.7312853f, 0f, 0.29043955f, 0f}, weighted.vals());
  }

  @Test
  void hyperparametersNameTheSchemeAndItsParameters() {
    assertEquals(Map.of("confidence", "linear"), ConfidenceWeighting.LINEAR.hyperparameters());
    assertEquals(
        Map.of("confidence", "log", "confidenceEps", 2.0),
        new ConfidenceWeighting(ConfidenceScheme.LOG, 2, 100, 0.8).hyperparameters());
    assertEquals(
        Map.of("confidence", "bm25", "bm25K1", 100.0, "bm25B", 0.8),
        ConfidenceWeighting.of(ConfidenceScheme.BM25).hyperparameters());
  }

  @Test
  void badParametersAreRefusedNamingTheFlag() {
    assertEquals(
        "--confidence must be 'linear', 'log' or 'bm25', got 'tfidf'",
        assertThrows(BadInputException.class, () -> ConfidenceScheme.parse("tfidf")).getMessage());
    assertEquals(ConfidenceScheme.BM25, ConfidenceScheme.parse(" BM25"));
    assertEquals(
        "--confidence-eps must be a finite number > 0, got 0.0",
        assertThrows(
                BadInputException.class,
                () -> new ConfidenceWeighting(ConfidenceScheme.LOG, 0, 100, 0.8))
            .getMessage());
    assertEquals(
        "--bm25-k1 must be a finite number >= 0, got -1.0",
        assertThrows(
                BadInputException.class,
                () -> new ConfidenceWeighting(ConfidenceScheme.BM25, 1, -1, 0.8))
            .getMessage());
    assertEquals(
        "--bm25-b must be in [0, 1], got 1.5",
        assertThrows(
                BadInputException.class,
                () -> new ConfidenceWeighting(ConfidenceScheme.BM25, 1, 100, 1.5))
            .getMessage());
  }
}
