package org.solrpersonalize.solr.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.solrpersonalize.format.VectorCodec;

class EncodedVectorKernelsTest {

  @Test
  void dotProductMatchesHandComputedValue() {
    byte[] item = VectorCodec.encode(new float[] {1f, 2f, -3f});
    // 0.5*1 + 0.25*2 + 2*(-3) = -5
    assertEquals(-5f, EncodedVectorKernels.dot(new float[] {0.5f, 0.25f, 2f}, item, 0));
  }

  @Test
  void theBuildRunsTheSimdDotProduct() {
    // The build's JVMs start with --add-modules jdk.incubator.vector, as the README asks of Solr.
    assertTrue(
        EncodedVectorKernels.simdEnabled(), "Vector API module missing: the SIMD path is untested");
  }

  @Test
  void simdAndScalarDotAgreeExactlyOnSmallIntegers() {
    // Every partial sum is an exact float, so the grouping of the sums cannot show.
    for (int dim = 1; dim <= 70; dim++) {
      float[] a = new float[dim];
      float[] b = new float[dim];
      for (int i = 0; i < dim; i++) {
        a[i] = (i % 7) - 3;
        b[i] = (i % 5) - 2;
      }
      byte[] encoded = VectorCodec.encode(b);
      byte[] shifted = new byte[encoded.length + 5];
      System.arraycopy(encoded, 0, shifted, 5, encoded.length);
      float want = EncodedVectorKernels.scalarDot(a, encoded, 0);
      assertEquals(want, EncodedVectorKernels.dot(a, encoded, 0), "dim " + dim);
      assertEquals(want, EncodedVectorKernels.dot(a, shifted, 5), "dim " + dim + " at offset 5");
    }
  }

  @Test
  void dotOfLongVectorsMatchesADoubleSum() {
    java.util.Random random = new java.util.Random(3);
    for (int dim : new int[] {1, 4, 7, 8, 15, 16, 17, 64, 67, 128}) {
      float[] a = new float[dim];
      float[] b = new float[dim];
      double expected = 0;
      for (int i = 0; i < dim; i++) {
        a[i] = (float) random.nextGaussian();
        b[i] = (float) random.nextGaussian();
        expected += (double) a[i] * b[i];
      }
      assertEquals(
          expected,
          EncodedVectorKernels.dot(a, VectorCodec.encode(b), 0),
          1e-5 * dim,
          "dim " + dim);
      assertEquals(
          expected,
          EncodedVectorKernels.scalarDot(a, VectorCodec.encode(b), 0),
          1e-5 * dim,
          "dim " + dim);
    }
  }
}
