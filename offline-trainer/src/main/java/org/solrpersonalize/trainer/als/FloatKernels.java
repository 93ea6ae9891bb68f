package org.solrpersonalize.trainer.als;

/**
 * The float loops of implicit ALS: the conjugate-gradient row solve's dot products, axpy and
 * product with the shared Gram matrix, and the Gram matrix itself. Two implementations give
 * bit-identical results: {@link ScalarFloatKernels} and {@link VectorFloatKernels} (the JDK's
 * Vector API, used when the JVM was started with {@code --add-modules jdk.incubator.vector}). Both
 * round the same way because both fix the arithmetic, not only the result: every multiply-add is
 * fused ({@link Math#fma}), a dot product keeps {@link #LANES} partial sums (element {@code i} of
 * the first {@code k - k % LANES} goes to sum {@code i % LANES}) added as {@code
 * ((s0+s4)+(s2+s6))+((s1+s5)+(s3+s7))}, plus the rest summed in order. So a model does not depend
 * on whether the module was there, nor on the thread count.
 */
interface FloatKernels {
  /** Partial sums of a dot product: one 256-bit register of floats, on AVX2 and wider. */
  int LANES = 8;

  /** {@code a[ao..ao+k) . b[bo..bo+k)}. */
  float dot(float[] a, int ao, float[] b, int bo, int k);

  /** {@code y[yo..yo+k) += a * x[xo..xo+k)}, each element one fused multiply-add. */
  void axpy(float a, float[] x, int xo, float[] y, int yo, int k);

  /**
   * {@code out[0..k) += sum_e coef[e - start] * fixed[cols[e]*k ..]} over {@code e} of {@code
   * [start, end)}: each element the fused chain in {@code e} order, as {@link #axpy} row after row
   * would give.
   */
  void addScaledRows(
      float[] fixed, int[] cols, int start, int end, float[] coef, float[] out, int k);

  /**
   * {@code out[0..k) = g v} for a symmetric k x k row-major {@code g}: element {@code c} is the
   * fused chain {@code fma(v[k-1], g[k-1][c], ... fma(v[0], g[0][c], 0))}, in row order.
   */
  void symmetricTimes(float[] g, float[] v, float[] out, int k);

  /**
   * Adds {@code f_r[i] * f_r[j]} in double, for rows {@code r} of {@code [from, to)} in order, to
   * {@code g[i*k + j]} for every {@code j >= i}; elements below the diagonal may change too (see
   * {@link GramMatrix#addUpperProducts}).
   */
  void addUpperProducts(float[] factors, int from, int to, int k, double[] g);

  /** The Vector API kernels when the JVM has the module and they work, else the scalar ones. */
  static FloatKernels best() {
    return VectorKernelsCheck.BEST;
  }

  /** The scalar kernels, whatever the JVM has. */
  static FloatKernels scalar() {
    return ScalarFloatKernels.INSTANCE;
  }

  /** Holds the choice, made once and only when first asked for. */
  final class VectorKernelsCheck {
    static final FloatKernels BEST = choose();

    private VectorKernelsCheck() {}

    private static FloatKernels choose() {
      if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
        return ScalarFloatKernels.INSTANCE;
      }
      try {
        FloatKernels vector = new VectorFloatKernels();
        // One known product, so a JVM whose Vector API misbehaves keeps the scalar loops.
        float[] a = new float[19];
        for (int i = 0; i < a.length; i++) {
          a[i] = i - 9;
        }
        return vector.dot(a, 0, a, 0, a.length) == 570f ? vector : ScalarFloatKernels.INSTANCE;
      } catch (LinkageError | RuntimeException e) {
        return ScalarFloatKernels.INSTANCE;
      }
    }
  }
}
