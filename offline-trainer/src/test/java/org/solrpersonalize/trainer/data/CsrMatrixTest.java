package org.solrpersonalize.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsrMatrixTest {
  /** The example of the class javadoc: {@code [[0, 2, 0], [1, 0, 3]]}. */
  private static final CsrMatrix EXAMPLE =
      new CsrMatrix(2, 3, new int[] {0, 1, 3}, new int[] {1, 0, 2}, new float[] {2, 1, 3});

  @Test
  void theJavadocExampleReadsAsItsDenseForm() {
    assertArrayEquals(new float[] {0, 2, 0, 1, 0, 3}, EXAMPLE.toDense());
    assertEquals(3f, EXAMPLE.get(1, 2));
    assertEquals(0f, EXAMPLE.get(0, 0));
    assertArrayEquals(new float[] {0, 1, 2, 0, 0, 3}, EXAMPLE.transpose().toDense());
  }

  @Test
  void printsItsShapeNotItsArrays() {
    assertEquals("2 x 3, 3 entries", EXAMPLE.toString());
    assertEquals("3 x 2, 3 entries", EXAMPLE.transpose().toString());
  }
}
