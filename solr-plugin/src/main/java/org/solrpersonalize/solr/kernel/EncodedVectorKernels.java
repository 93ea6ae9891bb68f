package org.solrpersonalize.solr.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.solrpersonalize.format.VectorCodec;

/**
 * The rerank's arithmetic over {@link VectorCodec}-encoded values, read in place from the bytes of
 * a docValues value: dot products with a user's factors and the shifted exponential sums behind the
 * cluster log-likelihood. With the JDK's Vector API ({@code --add-modules jdk.incubator.vector})
 * they run on SIMD registers ({@link SimdKernels}); otherwise on scalar loops.
 */
public final class EncodedVectorKernels {
  private static final VarHandle FLOAT_LE =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

  /** True when {@link #dot} runs on SIMD registers (see {@link #simdEnabled()}). */
  private static final boolean SIMD = simdUsable();

  private EncodedVectorKernels() {}

  /**
   * Dot product of {@code query} with the encoded vector, without decoding it into an array. With
   * the JDK's Vector API module present ({@code --add-modules jdk.incubator.vector}) it runs on
   * SIMD registers, several times faster; the sums are then grouped differently, so results can
   * differ from {@link #scalarDot} in the last bits of the float.
   */
  public static float dot(float[] query, byte[] bytes, int offset) {
    return SIMD ? SimdKernels.dot(query, bytes, offset) : scalarDot(query, bytes, offset);
  }

  /** {@link #dot} without SIMD, whatever the JVM offers. */
  public static float scalarDot(float[] query, byte[] bytes, int offset) {
    // Four independent sums: one running sum makes every add wait for the previous one, which
    // costs more than the loads; this is what makes a full-catalog sort by userdot fast.
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int n = query.length;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      int at = offset + i * Float.BYTES;
      s0 += query[i] * (float) FLOAT_LE.get(bytes, at);
      s1 += query[i + 1] * (float) FLOAT_LE.get(bytes, at + 4);
      s2 += query[i + 2] * (float) FLOAT_LE.get(bytes, at + 8);
      s3 += query[i + 3] * (float) FLOAT_LE.get(bytes, at + 12);
    }
    for (; i < n; i++) {
      s0 += query[i] * (float) FLOAT_LE.get(bytes, offset + i * Float.BYTES);
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * For encoded values {@code l} and weights {@code a}, {@code b} of the same length: {@code out[0]
   * = max_k l_k}, {@code out[1] = sum_k a_k exp(l_k - max)} and {@code out[2] = sum_k b_k exp(l_k -
   * max)}, each exp serving both sums. With SIMD the exps are float precision (about 1e-7
   * relative), else double. Every term is at most its weight, so a sum below float's range means
   * that only the caller's exact log-space path can tell its value.
   */
  public static void shiftedExpSums(byte[] bytes, int offset, float[] a, float[] b, double[] out) {
    if (SIMD) {
      SimdKernels.shiftedExpSums(bytes, offset, a, b, out);
      return;
    }
    int n = a.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      max = Math.max(max, VectorCodec.get(bytes, offset, k));
    }
    double sa = 0;
    double sb = 0;
    if (max != Double.NEGATIVE_INFINITY) {
      for (int k = 0; k < n; k++) {
        double e = Math.exp(VectorCodec.get(bytes, offset, k) - max);
        sa += a[k] * e;
        sb += b[k] * e;
      }
    }
    out[0] = max;
    out[1] = sa;
    out[2] = sb;
  }

  /**
   * Whether {@link #dot} uses the Vector API: the JVM was started with {@code --add-modules
   * jdk.incubator.vector}, the platform is little-endian (the codec's order, which the SIMD loads
   * assume) and a register holds at least 4 floats.
   */
  public static boolean simdEnabled() {
    return SIMD;
  }

  private static boolean simdUsable() {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN
        || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    try {
      if (SimdKernels.lanes() < 4) {
        return false;
      }
      // One known product, so a JVM whose Vector API misbehaves keeps the scalar loop.
      float[] a = new float[19];
      for (int i = 0; i < a.length; i++) {
        a[i] = i - 9;
      }
      return SimdKernels.dot(a, VectorCodec.encode(a), 0) == 570f;
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }
}
