package org.solrpersonalize.solr.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.format.VectorCodec;

/**
 * Rows of the item-factor cache give the encoded kernels' floats bit for bit, for every length
 * around the register widths and at an offset, on SIMD and on the scalar loops alike.
 */
class CachedRowKernelsTest {
  @Test
  void floatRowsGiveTheEncodedKernelsFloatsBitForBit() {
    SplittableRandom random = new SplittableRandom(9);
    for (int n = 1; n <= 70; n++) {
      float[] query = new float[n];
      float[] b = new float[n];
      float[] row = new float[n + 3];
      float[] wa = new float[n];
      float[] wb = new float[n];
      for (int i = 0; i < n; i++) {
        query[i] = (float) (random.nextDouble() * 4 - 2);
        row[i + 3] = (float) (random.nextDouble() * 200 - 190);
        wa[i] = (float) random.nextDouble();
        wb[i] = (float) random.nextDouble();
      }
      byte[] encoded = VectorCodec.encode(row, 3, n, b, 0, 0);
      assertEquals(
          Float.floatToRawIntBits(EncodedVectorKernels.dot(query, encoded, 0)),
          Float.floatToRawIntBits(CachedRowKernels.dot(query, row, 3)),
          "n " + n);
      assertEquals(
          Float.floatToRawIntBits(EncodedVectorKernels.scalarDot(query, encoded, 0)),
          Float.floatToRawIntBits(CachedRowKernels.scalarDot(query, row, 3)),
          "n " + n);
      double[] fromBytes = new double[3];
      double[] fromRow = new double[3];
      EncodedVectorKernels.shiftedExpSums(encoded, 0, wa, wb, fromBytes);
      CachedRowKernels.shiftedExpSums(row, 3, wa, wb, fromRow);
      assertArrayEquals(fromBytes, fromRow, 0.0, "n " + n);
    }
  }

  @Test
  void quantizedDotScalesTheIntegerDot() {
    byte[] row = {0, 0, 127, -127, 3, 1, -2};
    float[] query = {0.5f, 1f, -1f, 2f, 0.25f};
    // 0.5*127 + 1*(-127) - 3 + 2*1 + 0.25*(-2) = -65.0, times the scale 0.5
    assertEquals(-32.5f, CachedRowKernels.quantizedDot(query, row, 2, 0.5f), 0f);
    assertEquals(-32.5f, CachedRowKernels.scalarQuantizedDot(query, row, 2, 0.5f), 0f);
  }

  @Test
  void simdAndScalarQuantizedDotsAgreeExactlyOnSmallIntegers() {
    // Every partial sum is an exact float, so the grouping of the sums cannot show.
    for (int n = 1; n <= 70; n++) {
      float[] query = new float[n];
      byte[] row = new byte[n + 5];
      for (int i = 0; i < n; i++) {
        query[i] = (i % 7) - 3;
        row[i + 5] = (byte) ((i * 37) % 255 - 127);
      }
      float want = CachedRowKernels.scalarQuantizedDot(query, row, 5, 0.25f);
      assertEquals(want, CachedRowKernels.quantizedDot(query, row, 5, 0.25f), 0f, "n " + n);
    }
  }
}
