package org.solrpersonalize.trainer.als;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.solrpersonalize.math.AlsFoldIn;

/**
 * Implicit-feedback ALS: minimizes {@code sum_ui c_ui (p_ui - x_u.y_i)^2 + lambda (|X|^2 + |Y|^2)}
 * with {@code p = 1} on observed pairs, {@code c = 1 + alpha w}. Each row is solved by a few
 * warm-started conjugate-gradient steps on {@code (Y^T Y + lambda I + Y_u^T (C_u - I) Y_u) x =
 * Y_u^T C_u 1}, touching only the row's observed items ({@link #solveExact} is the Cholesky
 * reference). Rows are independent, so threads only change speed, never results.
 */
public final class ImplicitAls {
  /** Called after each iteration. */
  public interface Listener {
    void onIteration(int iteration, double loss, double seconds);
  }

  private final AlsConfig config;

  public ImplicitAls(AlsConfig config) {
    this.config = config;
  }

  /** Learned factors, row-major. */
  public record Factors(float[] users, float[] items, double[] lossPerIteration) {}

  /**
   * @param rowPtr/cols/vals user -> items CSR; itemPtr/itemCols/itemVals item -> users CSR
   */
  public Factors fit(int users, int items, int[] rowPtr, int[] cols, float[] vals,
      int[] itemPtr, int[] itemCols, float[] itemVals, Listener listener) {
    int k = config.factors();
    float[] x = init(users, k, config.seed());
    float[] y = init(items, k, config.seed() ^ 0x9E3779B97F4A7C15L);
    double[] losses = new double[config.iterations()];
    ExecutorService pool = Executors.newFixedThreadPool(config.threads());
    try {
      for (int it = 0; it < config.iterations(); it++) {
        long start = System.nanoTime();
        sweep(pool, x, users, y, rowPtr, cols, vals);
        sweep(pool, y, items, x, itemPtr, itemCols, itemVals);
        losses[it] = loss(x, users, y, items, rowPtr, cols, vals);
        listener.onIteration(it + 1, losses[it], (System.nanoTime() - start) / 1e9);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Factors(x, y, losses);
  }

  private static float[] init(int rows, int k, long seed) {
    float[] f = new float[rows * k];
    for (int r = 0; r < rows; r++) {
      SplittableRandom random = new SplittableRandom(seed + 31L * r);
      for (int j = 0; j < k; j++) {
        f[r * k + j] = (float) (random.nextDouble(-0.5, 0.5) / Math.sqrt(k));
      }
    }
    return f;
  }

  private void sweep(ExecutorService pool, float[] target, int rows, float[] fixed, int[] ptr,
      int[] idx, float[] w) {
    int k = config.factors();
    double[] gram = AlsFoldIn.gram(fixed, k);
    int chunks = config.threads() * 4;
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < chunks; c++) {
      int from = (int) ((long) rows * c / chunks);
      int to = (int) ((long) rows * (c + 1) / chunks);
      futures.add(pool.submit(() -> {
        CgBuffers buffers = new CgBuffers(k);
        for (int r = from; r < to; r++) {
          solveCg(target, r, fixed, gram, ptr, idx, w, buffers);
        }
      }));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (Exception e) {
        throw new IllegalStateException("ALS sweep failed", e);
      }
    }
  }

  /** A x where A = gram + lambda I + sum_i (c_i - 1) y_i y_i^T, over the row's items. */
  private void multiply(double[] gram, float[] fixed, int[] ptr, int[] idx, float[] w, int row,
      double[] in, double[] out) {
    int k = config.factors();
    double lambda = config.regularization();
    for (int a = 0; a < k; a++) {
      double s = lambda * in[a];
      int base = a * k;
      for (int b = 0; b < k; b++) {
        s += gram[base + b] * in[b];
      }
      out[a] = s;
    }
    for (int j = ptr[row]; j < ptr[row + 1]; j++) {
      int yo = idx[j] * k;
      double dot = 0;
      for (int a = 0; a < k; a++) {
        dot += fixed[yo + a] * in[a];
      }
      double coef = config.alpha() * w[j] * dot;
      for (int a = 0; a < k; a++) {
        out[a] += coef * fixed[yo + a];
      }
    }
  }

  /** Work vectors of the CG solve, one set per thread, reused for every row. */
  private record CgBuffers(double[] x, double[] r, double[] p, double[] ap) {
    CgBuffers(int k) {
      this(new double[k], new double[k], new double[k], new double[k]);
    }
  }

  private void solveCg(float[] target, int row, float[] fixed, double[] gram, int[] ptr, int[] idx,
      float[] w, CgBuffers buffers) {
    int k = config.factors();
    double[] x = buffers.x();
    for (int a = 0; a < k; a++) {
      x[a] = target[row * k + a];
    }
    // r = b - A x, b = sum_i c_i y_i
    double[] r = buffers.r();
    multiply(gram, fixed, ptr, idx, w, row, x, r);
    for (int a = 0; a < k; a++) {
      r[a] = -r[a];
    }
    for (int j = ptr[row]; j < ptr[row + 1]; j++) {
      double c = 1 + config.alpha() * w[j];
      int yo = idx[j] * k;
      for (int a = 0; a < k; a++) {
        r[a] += c * fixed[yo + a];
      }
    }
    double[] p = buffers.p();
    System.arraycopy(r, 0, p, 0, k);
    double[] ap = buffers.ap();
    double rsOld = dot(r, r);
    for (int step = 0; step < config.cgSteps() && rsOld > 1e-20; step++) {
      multiply(gram, fixed, ptr, idx, w, row, p, ap);
      double alphaStep = rsOld / dot(p, ap);
      for (int a = 0; a < k; a++) {
        x[a] += alphaStep * p[a];
        r[a] -= alphaStep * ap[a];
      }
      double rsNew = dot(r, r);
      for (int a = 0; a < k; a++) {
        p[a] = r[a] + rsNew / rsOld * p[a];
      }
      rsOld = rsNew;
    }
    for (int a = 0; a < k; a++) {
      target[row * k + a] = (float) x[a];
    }
  }

  /** Solves {@code rows} rows against {@code fixed} with the CG path from zero (tests). */
  public float[] solveRowsWithCg(float[] fixed, int rows, int[] ptr, int[] idx, float[] w) {
    int k = config.factors();
    float[] target = new float[rows * k];
    double[] gram = AlsFoldIn.gram(fixed, k);
    for (int r = 0; r < rows; r++) {
      solveCg(target, r, fixed, gram, ptr, idx, w, new CgBuffers(k));
    }
    return target;
  }

  /** The exact row solve by Cholesky (reference for the CG path, and for tests). */
  public float[] solveExact(float[] fixed, int[] ptr, int[] idx, float[] w, int row) {
    int k = config.factors();
    int n = ptr[row + 1] - ptr[row];
    float[] vectors = new float[n * k];
    float[] weights = new float[n];
    for (int j = 0; j < n; j++) {
      System.arraycopy(fixed, idx[ptr[row] + j] * k, vectors, j * k, k);
      weights[j] = w[ptr[row] + j];
    }
    float[] out = new float[k];
    new AlsFoldIn(k, AlsFoldIn.gram(fixed, k), config.regularization(), config.alpha())
        .solve(vectors, weights, n, out);
    return out;
  }

  /**
   * The full objective, computed without visiting unobserved pairs:
   * {@code sum_u [x^T (Y^T Y) x + sum_{i in u} (c (1 - x.y)^2 - (x.y)^2)] + lambda (|X|^2+|Y|^2)}.
   */
  double loss(float[] x, int users, float[] y, int items, int[] ptr, int[] idx, float[] w) {
    int k = config.factors();
    double[] gram = AlsFoldIn.gram(y, k);
    double total = 0;
    double norms = 0;
    for (int u = 0; u < users; u++) {
      int xo = u * k;
      for (int a = 0; a < k; a++) {
        double s = 0;
        for (int b = 0; b < k; b++) {
          s += gram[a * k + b] * x[xo + b];
        }
        total += x[xo + a] * s;
        norms += (double) x[xo + a] * x[xo + a];
      }
      for (int j = ptr[u]; j < ptr[u + 1]; j++) {
        int yo = idx[j] * k;
        double d = 0;
        for (int a = 0; a < k; a++) {
          d += (double) x[xo + a] * y[yo + a];
        }
        double c = 1 + config.alpha() * w[j];
        total += c * (1 - d) * (1 - d) - d * d;
      }
    }
    for (float v : y) {
      norms += (double) v * v;
    }
    return total + config.regularization() * norms;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
