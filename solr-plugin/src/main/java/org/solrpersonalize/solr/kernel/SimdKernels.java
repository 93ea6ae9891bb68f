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
    return dot(query, bytes, null, offset);
  }

  /**
   * {@link #dot(float[], byte[], int)} over a row of a float array: the same lanes and the same
   * order of additions, so the result is the same float bit for bit.
   */
  static float dot(float[] query, float[] values, int offset) {
    return dot(query, null, values, offset);
  }

  /**
   * The row is {@code bytes} when not null, else {@code values}: one loop for both, so they cannot
   * drift apart. Each entry above is small enough that C2 inlines this into it with a constant
   * null, so the test folds away: both row types hot in one JVM, as fast as one copy per row type
   * (0.98 to 1.01 times as long over 20,000 rows of 32 to 128 factors).
   */
  private static float dot(float[] query, byte[] bytes, float[] values, int offset) {
    int n = query.length;
    int i = 0;
    // Two accumulators: one fma waits for the previous one otherwise.
    FloatVector sum0 = FloatVector.zero(FLOATS);
    FloatVector sum1 = FloatVector.zero(FLOATS);
    for (; i + 2 * LANES <= n; i += 2 * LANES) {
      sum0 = FloatVector.fromArray(FLOATS, query, i).fma(rowLanes(bytes, values, offset, i), sum0);
      sum1 =
          FloatVector.fromArray(FLOATS, query, i + LANES)
              .fma(rowLanes(bytes, values, offset, i + LANES), sum1);
    }
    if (i + LANES <= n) {
      sum0 = FloatVector.fromArray(FLOATS, query, i).fma(rowLanes(bytes, values, offset, i), sum0);
      i += LANES;
    }
    float sum = sum0.add(sum1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += query[i] * rowElement(bytes, values, offset, i);
    }
    return sum;
  }

  /**
   * See {@link EncodedVectorKernels#shiftedExpSums}; exp in float precision (the JDK's vector exp).
   *
   * <p>One method per row type, not one loop testing which row it reads as {@link #dot} does: such
   * a loop, called with both row types, is compiled on its own and too big for C2 to inline into
   * either caller, so the test stays in the loop. Both row types hot in one JVM, over 20,000 rows
   * of 16 to 80 clusters (and a dot product of 32 to 128 factors each), it took 1.14 to 1.35 times
   * as long as these two.
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
    if (isEmptyRow(max, out)) {
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
    if (isEmptyRow(max, out)) {
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
   * {@link #shiftedExpSums(float[], int, float[], float[], double[])} of the {@link #lanes()} rows
   * {@code row, row + 1, ...} at once, a row in each lane: cluster {@code k} of row {@code r} is
   * {@code columns[k * stride + r]}. Writes row {@code row + j}'s max to {@code max[j]} and the
   * parts of its sums over the clusters below {@code clusters - clusters % lanes()} to {@code
   * sumA[j]} and {@code sumB[j]}, as floats: what the one-row kernel adds up before its scalar
   * tail. Lane {@code j} of the one-row kernel sums clusters {@code j, j + lanes(), ...} with fused
   * multiply-adds, and its reduction adds the lanes in order, so the same fma chains and the same
   * order of additions run here across rows. Rows of -Infinity only get NaN sums.
   *
   * <p>Why: the one-row kernel's three reductions across lanes wait on one another, row after row.
   * Here a row's clusters are elementwise operations, with no reduction at all, and the
   * exponentials of many rows share each vector call.
   */
  static void shiftedExpSumsOfColumns(
      float[] columns,
      int stride,
      int row,
      int clusters,
      float[] a,
      float[] b,
      float[] max,
      float[] sumA,
      float[] sumB) {
    int vectorEnd = clusters - clusters % LANES;
    FloatVector maxes = FloatVector.fromArray(FLOATS, columns, row);
    for (int k = 1; k < clusters; k++) {
      maxes = maxes.max(FloatVector.fromArray(FLOATS, columns, k * stride + row));
    }
    FloatVector totalA = FloatVector.zero(FLOATS);
    FloatVector totalB = FloatVector.zero(FLOATS);
    for (int j = 0; j < LANES && j < vectorEnd; j++) {
      FloatVector laneA = FloatVector.zero(FLOATS);
      FloatVector laneB = FloatVector.zero(FLOATS);
      for (int k = j; k < vectorEnd; k += LANES) {
        FloatVector e =
            FloatVector.fromArray(FLOATS, columns, k * stride + row)
                .sub(maxes)
                .lanewise(VectorOperators.EXP);
        laneA = e.fma(FloatVector.broadcast(FLOATS, a[k]), laneA);
        laneB = e.fma(FloatVector.broadcast(FLOATS, b[k]), laneB);
      }
      totalA = totalA.add(laneA);
      totalB = totalB.add(laneB);
    }
    maxes.intoArray(max, 0);
    totalA.intoArray(sumA, 0);
    totalB.intoArray(sumB, 0);
  }

  /**
   * Sets {@code out[0] = max}; for a row of -Infinity only (every cluster impossible) the sums are
   * 0 and the caller stops.
   */
  private static boolean isEmptyRow(float max, double[] out) {
    out[0] = max;
    if (max != Float.NEGATIVE_INFINITY) {
      return false;
    }
    out[1] = 0;
    out[2] = 0;
    return true;
  }

  /** Elements {@code index} to {@code index + LANES} of the row of {@link #dot}. */
  private static FloatVector rowLanes(byte[] bytes, float[] values, int offset, int index) {
    return bytes != null
        ? load(bytes, offset, index)
        : FloatVector.fromArray(FLOATS, values, offset + index);
  }

  /** Element {@code index} of that row. */
  private static float rowElement(byte[] bytes, float[] values, int offset, int index) {
    return bytes != null ? VectorCodec.get(bytes, offset, index) : values[offset + index];
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
