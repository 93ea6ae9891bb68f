package org.solrpersonalize.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorCodecTest {

  @Test
  void encodesLittleEndianFloat32WithoutHeader() {
    byte[] bytes = VectorCodec.encode(new float[] {1.0f, -2.5f});
    // 1.0f = 0x3F800000, -2.5f = 0xC0200000, little-endian.
    assertArrayEquals(
        new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0}, bytes);
  }

  @Test
  void roundTripsAndReadsFromAnOffset() {
    float[] v = {0.5f, -1.25f, 3.0f};
    byte[] encoded = VectorCodec.encode(v);
    byte[] padded = new byte[encoded.length + 3];
    System.arraycopy(encoded, 0, padded, 3, encoded.length);
    assertArrayEquals(v, VectorCodec.decode(padded, 3, encoded.length));
    assertEquals(-1.25f, VectorCodec.get(padded, 3, 1));
    assertEquals(3, VectorCodec.dimension(encoded.length));
  }

  @Test
  void dotProductMatchesHandComputedValue() {
    byte[] item = VectorCodec.encode(new float[] {1f, 2f, -3f});
    // 0.5*1 + 0.25*2 + 2*(-3) = -5
    assertEquals(-5f, VectorCodec.dot(new float[] {0.5f, 0.25f, 2f}, item, 0));
  }

  @Test
  void doublesAreNarrowedToFloats() {
    assertArrayEquals(
        new float[] {0.1f, 2f},
        VectorCodec.decode(VectorCodec.encode(new double[] {0.1, 2.0}), 0, 8));
  }

  @Test
  void rejectsLengthsThatAreNotWholeFloats() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> VectorCodec.decode(new byte[6], 0, 6));
    assertEquals("encoded vector length 6 is not a multiple of 4", e.getMessage());
  }

  @Test
  void rejectsAnOutputOfTheWrongDimension() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> VectorCodec.decodeInto(new byte[8], 0, 8, new float[3]));
    assertEquals("vector has 2 values, expected 3", e.getMessage());
  }

  @Test
  void theBuildRunsTheSimdDotProduct() {
    // The build's JVMs start with --add-modules jdk.incubator.vector, as the README asks of Solr.
    assertTrue(VectorCodec.simdEnabled(), "Vector API module missing: the SIMD path is untested");
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
      float want = VectorCodec.scalarDot(a, encoded, 0);
      assertEquals(want, VectorCodec.dot(a, encoded, 0), "dim " + dim);
      assertEquals(want, VectorCodec.dot(a, shifted, 5), "dim " + dim + " at offset 5");
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
      assertEquals(expected, VectorCodec.dot(a, VectorCodec.encode(b), 0), 1e-5 * dim, "dim " + dim);
      assertEquals(expected, VectorCodec.scalarDot(a, VectorCodec.encode(b), 0), 1e-5 * dim, "dim " + dim);
    }
  }
}
