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

  /**
   * The same operations in the same order as the one-row kernel: equal bit for bit once the JIT has
   * compiled both (checked in a loop of 1,000 rows), but the JDK's vector exp may differ by an ulp
   * between the interpreter and compiled code, and a test runs each in whichever it is at.
   */
  @Test
  void rowsSideBySideGiveEachRowsSumsWithinAnUlpOfTheExponentials() {
    SplittableRandom random = new SplittableRandom(17);
    int lanes = EncodedVectorKernels.simdEnabled() ? SimdKernels.lanes() : 1;
    int[] clusterCounts = {1, 3, lanes - 1, lanes, lanes + 1, 2 * lanes, 2 * lanes + 5};
    int[] rowCounts = {1, lanes - 1, lanes, lanes + 1, 3 * lanes + 2, 1000};
    for (int clusters : clusterCounts) {
      if (clusters < 1) {
        continue;
      }
      for (int count : rowCounts) {
        if (count < 1) {
          continue;
        }
        int stride = count + 7; // columns longer than the rows, as a window's may be
        float[] columns = new float[clusters * stride];
        float[][] rows = new float[count][clusters];
        float[] a = new float[clusters];
        float[] b = new float[clusters];
        for (int k = 0; k < clusters; k++) {
          a[k] = (float) random.nextDouble();
          b[k] = random.nextInt(4) == 0 ? 0f : (float) random.nextDouble();
        }
        for (int r = 0; r < count; r++) {
          int kind = random.nextInt(10);
          for (int k = 0; k < clusters; k++) {
            float v = (float) (random.nextDouble() * 300 - 280); // far clusters underflow
            if (kind == 0 || (kind == 1 && random.nextBoolean())) {
              v = Float.NEGATIVE_INFINITY; // every cluster impossible, or some
            }
            rows[r][k] = v;
            columns[k * stride + r] = v;
          }
        }
        double[] max = new double[count];
        double[] sumA = new double[count];
        double[] sumB = new double[count];
        CachedRowKernels.shiftedExpSumsOfColumns(
            columns, stride, count, clusters, a, b, max, sumA, sumB);
        double[] one = new double[3];
        for (int r = 0; r < count; r++) {
          CachedRowKernels.shiftedExpSums(rows[r], 0, a, b, one);
          String where = "clusters " + clusters + ", rows " + count + ", row " + r;
          assertEquals(one[0], max[r], 0.0, where);
          assertEquals(
              Double.doubleToRawLongBits(one[1]), Double.doubleToRawLongBits(sumA[r]), where);
          assertEquals(
              Double.doubleToRawLongBits(one[2]), Double.doubleToRawLongBits(sumB[r]), where);
        }
      }
    }
  }

  /** A few float ulps of {@code sum}: each term's exponential may be an ulp off. */
  private static double ulps(double sum) {
    return 4 * Math.ulp((float) sum);
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

  @Test
  void packedLevelsRoundTripFourInThreeBytes() {
    for (int clusters = 1; clusters <= 19; clusters++) {
      int bytes = CachedRowKernels.packedLevelBytes(clusters);
      assertEquals((clusters + 3) / 4 * 3, bytes);
      byte[] packed = new byte[2 + 2 * bytes];
      for (int row = 0; row < 2; row++) {
        for (int k = 0; k < clusters; k++) {
          CachedRowKernels.setLevel(packed, 2 + row * bytes, k, (k * 29 + row * 7) % 64);
        }
      }
      for (int row = 0; row < 2; row++) {
        for (int k = 0; k < clusters; k++) {
          assertEquals(
              (k * 29 + row * 7) % 64,
              CachedRowKernels.level(packed, 2 + row * bytes, k),
              "clusters " + clusters + ", row " + row + ", level " + k);
        }
      }
      assertEquals(0, packed[0]);
      assertEquals(0, packed[1]);
    }
    // Levels 1, 2, 3, 63: 1 | 2 << 6 | 3 << 12 | 63 << 18 = 0xFC3081, little-endian.
    byte[] packed = new byte[3];
    int[] levels = {1, 2, 3, 63};
    for (int k = 0; k < 4; k++) {
      CachedRowKernels.setLevel(packed, 0, k, levels[k]);
    }
    assertArrayEquals(new byte[] {(byte) 0x81, 0x30, (byte) 0xFC}, packed);
  }

  @Test
  void levelSumsWeighTheLevelsAndGiveUpWhereTheBoundsOutweighThem() {
    float[] weights = new float[64];
    float[] bounds = new float[64];
    for (int q = 0; q < 63; q++) {
      weights[q] = q; // level q weighs q: sums are easy to check by hand
    }
    bounds[63] = 10;
    byte[] packed = new byte[6];
    int[] levels = {1, 2, 63, 3, 4};
    for (int k = 0; k < levels.length; k++) {
      CachedRowKernels.setLevel(packed, 0, k, levels[k]);
    }
    double[] out = {-1, -1, -1};
    // a: 1*1 + 1*2 + 1*0 + 1*3 + 1*4 = 10, bound 1*10 = 10: not over it, kept.
    // b: 0 + 0 + 2*0 + 1*3 + 0 = 3, bound 2*10 = 20: over it, 0.
    CachedRowKernels.levelSums(
        packed, 0, weights, bounds, new float[] {1, 1, 1, 1, 1}, new float[] {0, 0, 2, 1, 0}, out);
    assertArrayEquals(new double[] {-1, 10, 0}, out, 0.0);
  }
}
