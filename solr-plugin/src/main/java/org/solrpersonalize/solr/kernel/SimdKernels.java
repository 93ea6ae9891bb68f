package org.solrpersonalize.solr.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.solrpersonalize.format.VectorCodec;

/**
 * {@link EncodedVectorKernels#dot} and {@link EncodedVectorKernels#shiftedExpSums} with the JDK's
 * Vector API: the encoded bytes are loaded straight into SIMD registers and reinterpreted as floats
 * (the codec is little-endian, as is every platform this class is enabled on), so nothing is
 * decoded into an array. Loaded only when the JVM was started with {@code --add-modules
 * jdk.incubator.vector}; {@link EncodedVectorKernels} checks that first. Only API that has been
 * stable from the JDK 17 incubator to today's is used ({@code fromArray}, {@code
 * reinterpretAsFloats}, {@code fma}, {@code reduceLanes}).
 */
final class SimdKernels {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
  private static final int LANES = FLOATS.length();

  /** As many bytes as {@link #FLOATS} has lanes: one int8 load widens to one float register. */
  private static final VectorSpecies<Byte> INT8_LANES =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * Byte.SIZE));

  private SimdKernels() {}

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
      sum1 =
          FloatVector.fromArray(FLOATS, query, i + LANES).fma(load(bytes, offset, i + LANES), sum1);
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

  /**
   * See {@link EncodedVectorKernels#shiftedExpSums}; exp in float precision (the JDK's vector exp).
   */
  static void shiftedExpSums(byte[] bytes, int offset, float[] a, float[] b, double[] out) {
    int n = a.length;
    int vectorEnd = n - n % LANES;
    FloatVector maxes = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < vectorEnd; i += LANES) {
      maxes = maxes.max(load(bytes, offset, i));
    }
    float max = maxes.reduceLanes(VectorOperators.MAX);
    for (int i = vectorEnd; i < n; i++) {
      max = Math.max(max, VectorCodec.get(bytes, offset, i));
    }
    out[0] = max;
    if (max == Float.NEGATIVE_INFINITY) {
      out[1] = 0;
      out[2] = 0;
      return;
    }
    FloatVector sumA = FloatVector.zero(FLOATS);
    FloatVector sumB = FloatVector.zero(FLOATS);
    for (int i = 0; i < vectorEnd; i += LANES) {
      FloatVector e = load(bytes, offset, i).sub(max).lanewise(VectorOperators.EXP);
      sumA = FloatVector.fromArray(FLOATS, a, i).fma(e, sumA);
      sumB = FloatVector.fromArray(FLOATS, b, i).fma(e, sumB);
    }
    double sa = sumA.reduceLanes(VectorOperators.ADD);
    double sb = sumB.reduceLanes(VectorOperators.ADD);
    for (int i = vectorEnd; i < n; i++) {
      double e = Math.exp(VectorCodec.get(bytes, offset, i) - max);
      sa += a[i] * e;
      sb += b[i] * e;
    }
    out[1] = sa;
    out[2] = sb;
  }

  /**
   * {@link #dot(float[], byte[], int)} over a row of a float array: the same lanes and the same
   * order of additions, so the result is the same float bit for bit.
   */
  static float dot(float[] query, float[] values, int offset) {
    int n = query.length;
    int i = 0;
    FloatVector sum0 = FloatVector.zero(FLOATS);
    FloatVector sum1 = FloatVector.zero(FLOATS);
    for (; i + 2 * LANES <= n; i += 2 * LANES) {
      sum0 =
          FloatVector.fromArray(FLOATS, query, i)
              .fma(FloatVector.fromArray(FLOATS, values, offset + i), sum0);
      sum1 =
          FloatVector.fromArray(FLOATS, query, i + LANES)
              .fma(FloatVector.fromArray(FLOATS, values, offset + i + LANES), sum1);
    }
    if (i + LANES <= n) {
      sum0 =
          FloatVector.fromArray(FLOATS, query, i)
              .fma(FloatVector.fromArray(FLOATS, values, offset + i), sum0);
      i += LANES;
    }
    float sum = sum0.add(sum1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += query[i] * values[offset + i];
    }
    return sum;
  }

  /**
   * {@link #shiftedExpSums(byte[], int, float[], float[], double[])} over a row of a float array,
   * with the same lanes and order of additions.
   */
  static void shiftedExpSums(float[] values, int offset, float[] a, float[] b, double[] out) {
    int n = a.length;
    int vectorEnd = n - n % LANES;
    FloatVector maxes = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < vectorEnd; i += LANES) {
      maxes = maxes.max(FloatVector.fromArray(FLOATS, values, offset + i));
    }
    float max = maxes.reduceLanes(VectorOperators.MAX);
    for (int i = vectorEnd; i < n; i++) {
      max = Math.max(max, values[offset + i]);
    }
    out[0] = max;
    if (max == Float.NEGATIVE_INFINITY) {
      out[1] = 0;
      out[2] = 0;
      return;
    }
    FloatVector sumA = FloatVector.zero(FLOATS);
    FloatVector sumB = FloatVector.zero(FLOATS);
    for (int i = 0; i < vectorEnd; i += LANES) {
      FloatVector e =
          FloatVector.fromArray(FLOATS, values, offset + i).sub(max).lanewise(VectorOperators.EXP);
      sumA = FloatVector.fromArray(FLOATS, a, i).fma(e, sumA);
      sumB = FloatVector.fromArray(FLOATS, b, i).fma(e, sumB);
    }
    double sa = sumA.reduceLanes(VectorOperators.ADD);
    double sb = sumB.reduceLanes(VectorOperators.ADD);
    for (int i = vectorEnd; i < n; i++) {
      double e = Math.exp(values[offset + i] - max);
      sa += a[i] * e;
      sb += b[i] * e;
    }
    out[1] = sa;
    out[2] = sb;
  }

  /**
   * {@code scale * sum_i query[i] * quantized[offset + i]}: each load of int8 values is widened to
   * one register of floats.
   */
  static float quantizedDot(float[] query, byte[] quantized, int offset, float scale) {
    int n = query.length;
    int i = 0;
    FloatVector sum0 = FloatVector.zero(FLOATS);
    FloatVector sum1 = FloatVector.zero(FLOATS);
    for (; i + 2 * LANES <= n; i += 2 * LANES) {
      sum0 = FloatVector.fromArray(FLOATS, query, i).fma(widen(quantized, offset + i), sum0);
      sum1 =
          FloatVector.fromArray(FLOATS, query, i + LANES)
              .fma(widen(quantized, offset + i + LANES), sum1);
    }
    if (i + LANES <= n) {
      sum0 = FloatVector.fromArray(FLOATS, query, i).fma(widen(quantized, offset + i), sum0);
      i += LANES;
    }
    float sum = sum0.add(sum1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += query[i] * quantized[offset + i];
    }
    return scale * sum;
  }

  private static FloatVector widen(byte[] quantized, int at) {
    return (FloatVector)
        ByteVector.fromArray(INT8_LANES, quantized, at)
            .convertShape(VectorOperators.B2F, FLOATS, 0);
  }

  private static FloatVector load(byte[] bytes, int offset, int index) {
    return (FloatVector)
        ByteVector.fromArray(BYTES, bytes, offset + index * Float.BYTES).reinterpretAsFloats();
  }
}
