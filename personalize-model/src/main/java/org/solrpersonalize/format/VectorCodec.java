package org.solrpersonalize.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Encodes float vectors as raw little-endian float32 bytes: {@code 4 * dim} bytes, no header. The
 * dimension is known from the model document, so a length mismatch is an error, not a guess.
 * Decoding reads straight from a byte array slice, so the plugin allocates nothing per document.
 * Encoding and decoding only: the query-time kernels over encoded values (dot products,
 * log-sum-exp) live in the plugin, the one place that needs the JDK's incubating Vector API.
 */
public final class VectorCodec {
  private static final VarHandle FLOAT_LE =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

  private VectorCodec() {}

  public static byte[] encode(float[] vector) {
    return encode(vector, 0, vector.length);
  }

  /** Encodes {@code values[offset..offset+length)}: one row of a row-major matrix. */
  public static byte[] encode(float[] values, int offset, int length) {
    byte[] bytes = new byte[length * Float.BYTES];
    put(values, offset, length, bytes, 0);
    return bytes;
  }

  /**
   * Encodes {@code a[aOffset..aOffset+aLength)} followed by {@code b[bOffset..bOffset+bLength)} as
   * one value: an item's factors and its cluster log-densities ({@link ModelFields#itemField}).
   */
  public static byte[] encode(
      float[] a, int aOffset, int aLength, float[] b, int bOffset, int bLength) {
    byte[] bytes = new byte[(aLength + bLength) * Float.BYTES];
    put(a, aOffset, aLength, bytes, 0);
    put(b, bOffset, bLength, bytes, aLength);
    return bytes;
  }

  /**
   * Writes {@code values[offset..offset+length)} into {@code bytes} from float index {@code at}.
   */
  private static void put(float[] values, int offset, int length, byte[] bytes, int at) {
    for (int i = 0; i < length; i++) {
      FLOAT_LE.set(bytes, (at + i) * Float.BYTES, values[offset + i]);
    }
  }

  public static byte[] encode(double[] vector) {
    byte[] bytes = new byte[vector.length * Float.BYTES];
    for (int i = 0; i < vector.length; i++) {
      FLOAT_LE.set(bytes, i * Float.BYTES, (float) vector[i]);
    }
    return bytes;
  }

  public static float[] decode(byte[] bytes, int offset, int length) {
    checkLength(length);
    float[] out = new float[length / Float.BYTES];
    decodeInto(bytes, offset, length, out);
    return out;
  }

  /** Decodes into a caller-provided array of exactly {@code length / 4} floats. */
  public static void decodeInto(byte[] bytes, int offset, int length, float[] out) {
    checkLength(length);
    int dim = length / Float.BYTES;
    if (out.length != dim) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "vector has %d values, expected %d", dim, out.length));
    }
    for (int i = 0; i < dim; i++) {
      out[i] = (float) FLOAT_LE.get(bytes, offset + i * Float.BYTES);
    }
  }

  /** Reads the {@code index}-th float of an encoded vector. */
  public static float get(byte[] bytes, int offset, int index) {
    return (float) FLOAT_LE.get(bytes, offset + index * Float.BYTES);
  }

  public static int dimension(int byteLength) {
    checkLength(byteLength);
    return byteLength / Float.BYTES;
  }

  private static void checkLength(int length) {
    if (length % Float.BYTES != 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "encoded vector length %d is not a multiple of 4", length));
    }
  }
}
