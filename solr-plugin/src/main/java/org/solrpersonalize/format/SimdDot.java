package org.solrpersonalize.format;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorCodec#dot} with the JDK's Vector API: the encoded bytes are loaded straight into
 * SIMD registers and reinterpreted as floats (the codec is little-endian, as is every platform this
 * class is enabled on), so nothing is decoded into an array. Loaded only when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}; {@link VectorCodec} checks that first. Only API
 * that has been stable from the JDK 17 incubator to today's is used ({@code fromArray},
 * {@code reinterpretAsFloats}, {@code fma}, {@code reduceLanes}).
 */
final class SimdDot {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
  private static final int LANES = FLOATS.length();

  private SimdDot() {}

  /** Lanes of one register; below 4 the scalar loop is as fast, and the codec keeps it. */
  static int lanes() {
    return LANES;
  }

  static float dot(float[] query, byte[] bytes, int offset) {
    int n = query.length;
    int i = 0;
    // Two accumulators: one fma waits for the previous one otherwise.
    FloatVector sum0 = FloatVector.zero(FLOATS);
    FloatVector sum1 = FloatVector.zero(FLOATS);
    for (; i + 2 * LANES <= n; i += 2 * LANES) {
      sum0 = FloatVector.fromArray(FLOATS, query, i).fma(load(bytes, offset, i), sum0);
      sum1 = FloatVector.fromArray(FLOATS, query, i + LANES)
          .fma(load(bytes, offset, i + LANES), sum1);
    }
    if (i + LANES <= n) {
      sum0 = FloatVector.fromArray(FLOATS, query, i).fma(load(bytes, offset, i), sum0);
      i += LANES;
    }
    float sum = sum0.add(sum1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += query[i] * VectorCodec.get(bytes, offset, i);
    }
    return sum;
  }

  private static FloatVector load(byte[] bytes, int offset, int index) {
    return (FloatVector) ByteVector.fromArray(BYTES, bytes, offset + index * Float.BYTES)
        .reinterpretAsFloats();
  }
}
