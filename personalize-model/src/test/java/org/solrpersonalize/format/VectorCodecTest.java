package org.solrpersonalize.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VectorCodecTest {

  @Test
  void encodesLittleEndianFloat32WithoutHeader() {
    byte[] bytes = VectorCodec.encode(new float[] {1.0f, -2.5f});
    // 1.0f = 0x3F800000, -2.5f = 0xC0200000, little-endian.
    assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0x20, (byte) 0xC0}, bytes);
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
}
