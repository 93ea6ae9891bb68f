package org.solrpersonalize.trainer.gmm;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fits a {@link GaussianMixture} by EM: k-means++ seeding, E-step in log space with log-sum-exp,
 * {@code regCovar} added to every covariance diagonal, stopping when the mean log-likelihood
 * changes by less than {@code tolerance}; {@code nInit} seeded restarts keep the best lower bound.
 */
public final class GaussianMixtureEm {
  /**
   * @param components K
   * @param full full covariance, else diagonal
   */
  public record Config(int components, boolean full, int maxIterations, double tolerance,
      double regCovar, int nInit, long seed) {
    public Config {
      if (components < 1) {
        throw new IllegalArgumentException("--clusters must be >= 1, got " + components);
      }
      if (!(regCovar >= 0) || nInit < 1 || maxIterations < 1 || !(tolerance > 0)) {
        throw new IllegalArgumentException("need regCovar >= 0, nInit >= 1, maxIterations >= 1, tolerance > 0");
      }
    }
  }

  /** Called after each EM iteration. */
  public interface Listener {
    void onIteration(int run, int iteration, double meanLogLikelihood);
  }

  private GaussianMixtureEm() {}

  public static GaussianMixture fit(float[] data, int n, int d, Config config, Listener listener) {
    if (n < config.components()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "cannot fit %d clusters to %d points", config.components(), n));
    }
    for (int i = 0; i < n * d; i++) {
      if (!Float.isFinite(data[i])) {
        throw new IllegalArgumentException("row " + (i / d) + " of the data is not finite: " + data[i]);
      }
    }
    GaussianMixture best = null;
    for (int run = 0; run < config.nInit(); run++) {
      GaussianMixture m = fitOnce(data, n, d, config, new SplittableRandom(config.seed() + run), run, listener);
      if (best == null || m.lowerBound() > best.lowerBound()) {
        best = m;
      }
    }
    return best;
  }

  private static GaussianMixture fitOnce(float[] data, int n, int d, Config config,
      SplittableRandom random, int run, Listener listener) {
    int k = config.components();
    double[] resp = kMeansPlusPlusAssignment(data, n, d, k, random);
    GaussianMixture model = mStep(data, n, d, resp, config, Double.NEGATIVE_INFINITY, 0, false);
    double previous = Double.NEGATIVE_INFINITY;
    for (int it = 1; it <= config.maxIterations(); it++) {
      double ll = model.responsibilities(data, n, resp);
      listener.onIteration(run, it, ll);
      boolean converged = Math.abs(ll - previous) < config.tolerance();
      model = mStep(data, n, d, resp, config, ll, it, converged);
      if (converged) {
        break;
      }
      previous = ll;
    }
    // the lower bound of the final parameters
    double ll = model.meanLogLikelihood(data, n);
    return new GaussianMixtureBuilder(model, ll).build();
  }

  /** Hard assignment to k-means++ seeds, as one-hot responsibilities. */
  private static double[] kMeansPlusPlusAssignment(float[] data, int n, int d, int k,
      SplittableRandom random) {
    int[] centers = new int[k];
    centers[0] = random.nextInt(n);
    double[] dist = new double[n];
    java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
    for (int c = 1; c <= k; c++) {
      int last = centers[c - 1];
      double total = 0;
      for (int i = 0; i < n; i++) {
        dist[i] = Math.min(dist[i], squaredDistance(data, i, last, d));
        total += dist[i];
      }
      if (c == k) {
        break;
      }
      double target = random.nextDouble() * total;
      int chosen = n - 1;
      for (int i = 0; i < n; i++) {
        target -= dist[i];
        if (target <= 0) {
          chosen = i;
          break;
        }
      }
      centers[c] = chosen;
    }
    double[] resp = new double[n * k];
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestDist = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double dd = squaredDistance(data, i, centers[c], d);
        if (dd < bestDist) {
          bestDist = dd;
          best = c;
        }
      }
      resp[i * k + best] = 1;
    }
    return resp;
  }

  private static double squaredDistance(float[] data, int a, int b, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double diff = data[a * d + j] - data[b * d + j];
      s += diff * diff;
    }
    return s;
  }

  private static GaussianMixture mStep(float[] data, int n, int d, double[] resp, Config config,
      double lowerBound, int iterations, boolean converged) {
    int k = config.components();
    double[] weights = new double[k];
    double[][] means = new double[k][d];
    double[][] covs = new double[k][config.full() ? d * d : d];
    for (int c = 0; c < k; c++) {
      double nk = 0;
      for (int i = 0; i < n; i++) {
        double r = resp[i * k + c];
        if (r == 0) {
          continue;
        }
        nk += r;
        for (int j = 0; j < d; j++) {
          means[c][j] += r * data[i * d + j];
        }
      }
      nk = Math.max(nk, 1e-10); // an emptied component keeps a tiny weight and the global spread
      for (int j = 0; j < d; j++) {
        means[c][j] /= nk;
      }
      double[] cov = covs[c];
      double[] diff = new double[d];
      for (int i = 0; i < n; i++) {
        double r = resp[i * k + c];
        if (r == 0) {
          continue;
        }
        for (int j = 0; j < d; j++) {
          diff[j] = data[i * d + j] - means[c][j];
        }
        if (config.full()) {
          for (int a = 0; a < d; a++) {
            double ra = r * diff[a];
            int row = a * d;
            for (int b = 0; b <= a; b++) {
              cov[row + b] += ra * diff[b];
            }
          }
        } else {
          for (int j = 0; j < d; j++) {
            cov[j] += r * diff[j] * diff[j];
          }
        }
      }
      if (config.full()) {
        for (int a = 0; a < d; a++) {
          for (int b = 0; b <= a; b++) {
            cov[a * d + b] /= nk;
            cov[b * d + a] = cov[a * d + b];
          }
          cov[a * d + a] += config.regCovar();
        }
      } else {
        for (int j = 0; j < d; j++) {
          cov[j] = cov[j] / nk + config.regCovar();
        }
      }
      weights[c] = nk / n;
    }
    return new GaussianMixture(config.full(), d, weights, means, covs, lowerBound, iterations, converged);
  }

  /** Re-creates a model with its final lower bound. */
  private record GaussianMixtureBuilder(GaussianMixture model, double lowerBound) {
    GaussianMixture build() {
      return model.withLowerBound(lowerBound);
    }
  }
}
