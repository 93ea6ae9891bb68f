package org.solrpersonalize.trainer.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FloatKernelsTest {
  /** Lengths below, at and above a register, and around the default k = 64. */
  private static final int[] LENGTHS = {1, 3, 7, 8, 9, 16, 19, 63, 64, 67};

  private static final FloatKernels VECTOR = new VectorFloatKernels();
  private static final FloatKernels SCALAR = FloatKernels.scalar();

  private static float[] random(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }

  @Test
  void theBuildsTestsRunWithTheVectorApi() {
    // The surefire JVM has jdk.incubator.vector: this class then compares both paths.
    assertInstanceOf(VectorFloatKernels.class, FloatKernels.best());
  }

  @Test
  void handComputedValues() {
    float[] a = new float[19];
    for (int i = 0; i < a.length; i++) {
      a[i] = i - 9;
    }
    for (FloatKernels kernels : new FloatKernels[] {VECTOR, SCALAR}) {
      assertEquals(570f, kernels.dot(a, 0, a, 0, 19));
      assertEquals(1f * 2 + 2 * 3 + 3 * 4, kernels.dot(new float[] {9, 1, 2, 3}, 1, a, 11, 3));
      float[] y = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
      kernels.axpy(2f, a, 0, y, 1, 9);
      assertArrayEquals(new float[] {1, -17, -15, -13, -11, -9, -7, -5, -3, -1}, y);
      float[] out = new float[2];
      kernels.symmetricTimes(new float[] {1, 2, 2, 3}, new float[] {10, 100}, out, 2);
      assertArrayEquals(new float[] {210, 320}, out);
      float[] sums = {1, 2};
      kernels.addScaledRows(
          new float[] {1, 2, 3, 4, 5, 6},
          new int[] {9, 2, 0},
          1,
          3,
          new float[] {10, 100},
          sums,
          2);
      assertArrayEquals(new float[] {1 + 50 + 100, 2 + 60 + 200}, sums);
      double[] g = new double[4];
      kernels.addUpperProducts(new float[] {1, 2, 3, 4, 5, 6}, 0, 3, 2, g);
      assertEquals(1 + 9 + 25, g[0]);
      assertEquals(2 + 12 + 30, g[1]);
      assertEquals(4 + 16 + 36, g[3]);
    }
  }

  @Test
  void vectorAndScalarKernelsAgreeBitForBit() {
    for (int k : LENGTHS) {
      float[] a = random(3 * k + 5, k);
      float[] b = random(2 * k + 1, 100 + k);
      for (int offset = 0; offset < 3; offset++) {
        assertEquals(
            Float.floatToIntBits(SCALAR.dot(a, offset, b, 1, k)),
            Float.floatToIntBits(VECTOR.dot(a, offset, b, 1, k)),
            "dot, k=" + k);
        float[] scalarY = b.clone();
        float[] vectorY = b.clone();
        SCALAR.axpy(0.37f, a, offset, scalarY, 1, k);
        VECTOR.axpy(0.37f, a, offset, vectorY, 1, k);
        assertArrayEquals(scalarY, vectorY, "axpy, k=" + k);
      }
      float[] g = random(k * k, 200 + k);
      float[] v = random(k, 300 + k);
      float[] scalarOut = new float[k];
      float[] vectorOut = new float[k];
      SCALAR.symmetricTimes(g, v, scalarOut, k);
      VECTOR.symmetricTimes(g, v, vectorOut, k);
      assertArrayEquals(scalarOut, vectorOut, "symmetricTimes, k=" + k);

      int[] cols = {4, 0, 7, 2, 2, 9, 1};
      float[] coef = random(cols.length, 500 + k);
      float[] fixed = random(10 * k, 600 + k);
      float[] scalarSums = v.clone();
      float[] vectorSums = v.clone();
      SCALAR.addScaledRows(fixed, cols, 1, 7, coef, scalarSums, k);
      VECTOR.addScaledRows(fixed, cols, 1, 7, coef, vectorSums, k);
      assertArrayEquals(scalarSums, vectorSums, "addScaledRows, k=" + k);

      float[] factors = random(11 * k, 400 + k);
      double[] scalarGram = new double[k * k];
      double[] vectorGram = new double[k * k];
      SCALAR.addUpperProducts(factors, 1, 11, k, scalarGram);
      VECTOR.addUpperProducts(factors, 1, 11, k, vectorGram);
      for (int i = 0; i < k; i++) {
        assertArrayEquals(
            Arrays.copyOfRange(scalarGram, i * k + i, i * k + k),
            Arrays.copyOfRange(vectorGram, i * k + i, i * k + k),
            0,
            "upper products, k=" + k + ", row " + i);
      }
    }
  }
}
