package org.solrpersonalize.trainer.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
}
