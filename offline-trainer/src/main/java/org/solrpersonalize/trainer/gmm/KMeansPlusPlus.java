package org.solrpersonalize.trainer.gmm;

import java.util.SplittableRandom;

/**
 * k-means++ seeding (Arthur and Vassilvitskii 2007): the first centre is a uniformly drawn row,
 * each next one a row drawn with probability proportional to its squared distance to the nearest
 * centre chosen so far. Used to start EM from a hard assignment of every row to its nearest centre.
 */
final class KMeansPlusPlus {
  /** The chosen centres, each row's nearest centre and its squared distance to it. */
  record Seeding(double[][] centers, int[] nearest, double[] squaredDistance) {}

  private KMeansPlusPlus() {}

  static Seeding seed(float[] data, int n, int d, int K, SplittableRandom random) {
    double[][] centers = new double[K][];
    int[] nearest = new int[n];
    double[] dist = new double[n];
    seedFirst(data, n, d, random, centers, dist);
    for (int c = 1; c < K; c++) {
      centers[c] = row(data, draw(dist, random), d);
      for (int i = 0; i < n; i++) {
        double di = squaredDistance(data, i, centers[c]);
        if (di < dist[i]) {
          dist[i] = di;
          nearest[i] = c;
        }
      }
    }
    return new Seeding(centers, nearest, dist);
  }

  /** Draws the first centre uniformly and sets each row's squared distance to it. */
  private static void seedFirst(
      float[] data, int n, int d, SplittableRandom random, double[][] centers, double[] dist) {
    centers[0] = row(data, random.nextInt(n), d);
    for (int i = 0; i < n; i++) {
      dist[i] = squaredDistance(data, i, centers[0]);
    }
  }

  /**
   * Greedy k-means++ (as scikit-learn's): each next centre is the best, by the sum of squared
   * distances it leaves, of {@code 2 + ln K} rows drawn as above. Fewer bad seeds for Lloyd.
   */
  static Seeding seedGreedy(float[] data, int n, int d, int K, SplittableRandom random) {
    int trials = 2 + (int) Math.log(K);
    double[][] centers = new double[K][];
    int[] nearest = new int[n];
    double[] dist = new double[n];
    seedFirst(data, n, d, random, centers, dist);
    double[] candidateDist = new double[n];
    double[] bestDist = new double[n];
    for (int c = 1; c < K; c++) {
      double bestPotential = Double.POSITIVE_INFINITY;
      double[] bestCenter = null;
      for (int t = 0; t < trials; t++) {
        double[] candidate = row(data, draw(dist, random), d);
        double potential = 0;
        for (int i = 0; i < n; i++) {
          candidateDist[i] = Math.min(dist[i], squaredDistance(data, i, candidate));
          potential += candidateDist[i];
        }
        if (potential < bestPotential) {
          bestPotential = potential;
          bestCenter = candidate;
          System.arraycopy(candidateDist, 0, bestDist, 0, n);
        }
      }
      centers[c] = bestCenter;
      for (int i = 0; i < n; i++) {
        if (bestDist[i] < dist[i]) {
          nearest[i] = c;
        }
      }
      System.arraycopy(bestDist, 0, dist, 0, n);
    }
    return new Seeding(centers, nearest, dist);
  }

  /** Draws a row with probability proportional to {@code dist}; uniformly if all are zero. */
  private static int draw(double[] dist, SplittableRandom random) {
    double total = 0;
    for (double v : dist) {
      total += v;
    }
    if (!(total > 0)) {
      return random.nextInt(dist.length);
    }
    double target = random.nextDouble() * total;
    double cumulative = 0;
    int last = -1;
    for (int i = 0; i < dist.length; i++) {
      if (dist[i] > 0) {
        cumulative += dist[i];
        last = i;
        if (cumulative > target) {
          return i;
        }
      }
    }
    return last; // rounding left target just above the final cumulative sum
  }

  private static double[] row(float[] data, int i, int d) {
    double[] r = new double[d];
    for (int j = 0; j < d; j++) {
      r[j] = data[i * d + j];
    }
    return r;
  }

  /** The squared distance of row i to {@code center}; Lloyd's assignments use it too. */
  static double squaredDistance(float[] data, int i, double[] center) {
    int d = center.length;
    int base = i * d;
    double s = 0;
    for (int j = 0; j < d; j++) {
      double v = data[base + j] - center[j];
      s += v * v;
    }
    return s;
  }
}
