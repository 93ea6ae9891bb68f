package org.solrpersonalize.trainer.als;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatKernels} on the JDK's Vector API, in registers of {@link FloatKernels#LANES} floats
 * (the fixed width is what keeps it bit-identical to {@link ScalarFloatKernels}). Loaded only when
 * the JVM has {@code jdk.incubator.vector}; {@link FloatKernels#best} checks that first. Uses only
 * API that is stable from the JDK 17 incubator on ({@code fromArray}, {@code fma}, {@code
 * rearrange}, {@code lane}).
 */
final class VectorFloatKernels implements FloatKernels {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
  private static final int DOUBLE_LANES = DOUBLES.length();

  /** Lane i takes lane i ^ 4, i ^ 2, i ^ 1: the reduction tree of {@link FloatKernels}. */
  private static final VectorShuffle<Float> SWAP_HALVES =
      VectorShuffle.fromValues(FLOATS, 4, 5, 6, 7, 0, 1, 2, 3);

  private static final VectorShuffle<Float> SWAP_PAIRS =
      VectorShuffle.fromValues(FLOATS, 2, 3, 0, 1, 6, 7, 4, 5);
  private static final VectorShuffle<Float> SWAP_NEIGHBOURS =
      VectorShuffle.fromValues(FLOATS, 1, 0, 3, 2, 5, 4, 7, 6);

  /**
   * @throws IllegalStateException where the CPU's registers hold fewer than {@link
   *     FloatKernels#LANES} floats: the API would emulate them, far slower than the scalar loops
   */
  VectorFloatKernels() {
    if (FloatVector.SPECIES_PREFERRED.length() < LANES) {
      throw new IllegalStateException(
          "SIMD registers hold "
              + FloatVector.SPECIES_PREFERRED.length()
              + " floats, not "
              + LANES);
    }
  }

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int k) {
    FloatVector sum = FloatVector.zero(FLOATS);
    int i = 0;
    for (; i + LANES <= k; i += LANES) {
      sum =
          FloatVector.fromArray(FLOATS, a, ao + i)
              .fma(FloatVector.fromArray(FLOATS, b, bo + i), sum);
    }
    float tail = 0;
    for (; i < k; i++) {
      tail = Math.fma(a[ao + i], b[bo + i], tail);
    }
    return sumLanes(sum) + tail;
  }

  @Override
  public void axpy(float a, float[] x, int xo, float[] y, int yo, int k) {
    FloatVector scale = FloatVector.broadcast(FLOATS, a);
    int i = 0;
    for (; i + LANES <= k; i += LANES) {
      FloatVector.fromArray(FLOATS, x, xo + i)
          .fma(scale, FloatVector.fromArray(FLOATS, y, yo + i))
          .intoArray(y, yo + i);
    }
    for (; i < k; i++) {
      y[yo + i] = Math.fma(a, x[xo + i], y[yo + i]);
    }
  }

  @Override
  public void addScaledRows(
      float[] fixed, int[] cols, int start, int end, float[] coef, float[] out, int k) {
    addRows(fixed, cols, start, end, coef, out, k);
  }

  @Override
  public void symmetricTimes(float[] g, float[] v, float[] out, int k) {
    // g v = the rows of g scaled by v and added, g being symmetric.
    Arrays.fill(out, 0, k, 0f);
    addRows(g, null, 0, k, v, out, k);
  }

  /**
   * {@link #addScaledRows} where {@code cols == null} stands for rows {@code start..end-1} of
   * {@code rows} themselves. Column blocks outside, rows inside: out stays in registers instead of
   * one load and store per row and block, and four blocks keep four independent fma chains.
   */
  private static void addRows(
      float[] rows, int[] cols, int start, int end, float[] coef, float[] out, int k) {
    int c = 0;
    for (; c + 4 * LANES <= k; c += 4 * LANES) {
      FloatVector s0 = FloatVector.fromArray(FLOATS, out, c);
      FloatVector s1 = FloatVector.fromArray(FLOATS, out, c + LANES);
      FloatVector s2 = FloatVector.fromArray(FLOATS, out, c + 2 * LANES);
      FloatVector s3 = FloatVector.fromArray(FLOATS, out, c + 3 * LANES);
      for (int e = start; e < end; e++) {
        FloatVector w = FloatVector.broadcast(FLOATS, coef[e - start]);
        int row = (cols == null ? e : cols[e]) * k + c;
        s0 = FloatVector.fromArray(FLOATS, rows, row).fma(w, s0);
        s1 = FloatVector.fromArray(FLOATS, rows, row + LANES).fma(w, s1);
        s2 = FloatVector.fromArray(FLOATS, rows, row + 2 * LANES).fma(w, s2);
        s3 = FloatVector.fromArray(FLOATS, rows, row + 3 * LANES).fma(w, s3);
      }
      s0.intoArray(out, c);
      s1.intoArray(out, c + LANES);
      s2.intoArray(out, c + 2 * LANES);
      s3.intoArray(out, c + 3 * LANES);
    }
    for (; c + LANES <= k; c += LANES) {
      FloatVector s = FloatVector.fromArray(FLOATS, out, c);
      for (int e = start; e < end; e++) {
        int row = (cols == null ? e : cols[e]) * k + c;
        s =
            FloatVector.fromArray(FLOATS, rows, row)
                .fma(FloatVector.broadcast(FLOATS, coef[e - start]), s);
      }
      s.intoArray(out, c);
    }
    for (; c < k; c++) {
      float s = out[c];
      for (int e = start; e < end; e++) {
        s = Math.fma(coef[e - start], rows[(cols == null ? e : cols[e]) * k + c], s);
      }
      out[c] = s;
    }
  }

  @Override
  public void addUpperProducts(float[] factors, int from, int to, int k, double[] g) {
    // Four rows per load and store of g, each added in row order; rows widened to double once.
    double[] r0 = new double[k];
    double[] r1 = new double[k];
    double[] r2 = new double[k];
    double[] r3 = new double[k];
    int r = from;
    for (; r + 4 <= to; r += 4) {
      widen(factors, r * k, r0, k);
      widen(factors, (r + 1) * k, r1, k);
      widen(factors, (r + 2) * k, r2, k);
      widen(factors, (r + 3) * k, r3, k);
      for (int i = 0; i < k; i++) {
        DoubleVector a0 = DoubleVector.broadcast(DOUBLES, r0[i]);
        DoubleVector a1 = DoubleVector.broadcast(DOUBLES, r1[i]);
        DoubleVector a2 = DoubleVector.broadcast(DOUBLES, r2[i]);
        DoubleVector a3 = DoubleVector.broadcast(DOUBLES, r3[i]);
        int gi = i * k;
        int j = i - i % DOUBLE_LANES;
        for (; j + DOUBLE_LANES <= k; j += DOUBLE_LANES) {
          DoubleVector.fromArray(DOUBLES, r0, j)
              .fma(a0, DoubleVector.fromArray(DOUBLES, g, gi + j))
              .add(DoubleVector.fromArray(DOUBLES, r1, j).mul(a1))
              .add(DoubleVector.fromArray(DOUBLES, r2, j).mul(a2))
              .add(DoubleVector.fromArray(DOUBLES, r3, j).mul(a3))
              .intoArray(g, gi + j);
        }
        for (; j < k; j++) {
          g[gi + j] =
              (((g[gi + j] + r0[i] * r0[j]) + r1[i] * r1[j]) + r2[i] * r2[j]) + r3[i] * r3[j];
        }
      }
    }
    ScalarFloatKernels.INSTANCE.addUpperProducts(factors, r, to, k, g);
  }

  private static void widen(float[] factors, int offset, double[] out, int k) {
    for (int j = 0; j < k; j++) {
      out[j] = factors[offset + j];
    }
  }

  /** {@code ((s0+s4)+(s2+s6))+((s1+s5)+(s3+s7))}, as {@link ScalarFloatKernels#dot} adds. */
  private static float sumLanes(FloatVector s) {
    FloatVector halves = s.add(s.rearrange(SWAP_HALVES));
    FloatVector pairs = halves.add(halves.rearrange(SWAP_PAIRS));
    return pairs.add(pairs.rearrange(SWAP_NEIGHBOURS)).lane(0);
  }
}
