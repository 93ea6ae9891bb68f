package org.solrpersonalize.trainer.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.solrpersonalize.math.AlsFoldIn;
import org.solrpersonalize.trainer.concurrent.RowBlocks;

class GramMatrixTest {
  @Test
  void handComputedTwoByTwo() {
    // rows (1, 2) and (3, 4): F^T F = [[1+9, 2+12], [2+12, 4+16]]
    try (RowBlocks blocks = new RowBlocks(1)) {
      assertArrayEquals(
          new double[] {10, 14, 14, 20},
          GramMatrix.compute(new float[] {1, 2, 3, 4}, 2, blocks),
          0);
    }
  }

  @Test
  void equalsTheSingleThreadedGramOfTheFoldIn() {
    float[] factors = FactorInit.gaussian(5000, 7, 1, 0);
    double[] expected = AlsFoldIn.gram(factors, 7);
    try (RowBlocks blocks = new RowBlocks(2)) {
      assertArrayEquals(expected, GramMatrix.compute(factors, 7, blocks), 1e-12);
    }
  }

  @Test
  void upperTriangleIsThePlainRowByRowSum() {
    // 4,003 rows: the four-row grouping and its remainder; k = 7 leaves a partial register.
    float[] factors = FactorInit.gaussian(4003, 7, 2, 0);
    double[] expected = AlsFoldIn.gram(factors, 7);
    double[] upper = new double[49];
    GramMatrix.addUpperProducts(factors, 0, 4003, 7, upper);
    for (int i = 0; i < 7; i++) {
      for (int j = i; j < 7; j++) {
        assertEquals(expected[i * 7 + j], upper[i * 7 + j], 0, "element " + i + "," + j);
      }
    }
  }
}
