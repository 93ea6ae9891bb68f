package org.solrpersonalize.trainer.gmm;

import java.util.SplittableRandom;
import org.solrpersonalize.trainer.concurrent.RowBlocks;

/**
 * Lloyd's k-means from given centres: assign every row to its nearest centre, move each centre to
 * the mean of its rows, until no assignment changes or the centres moved by less than {@link
 * #TOLERANCE} times the data's mean variance in all (squared), as scikit-learn's KMeans stops (or
 * after {@link #MAX_ITERATIONS}). A centre left without rows keeps its place. Assignments are
 * computed in fixed blocks of rows, and the centre sums added in row order, so the result does not
 * depend on the thread count.
 */
final class KMeansLloyd {
  /** scikit-learn's KMeans default. */
  static final int MAX_ITERATIONS = 300;

  /** scikit-learn's KMeans default: the long tail of tiny moves changes nothing EM cares about. */
  static final double TOLERANCE = 1e-4;

  private static final int BLOCK = 256;

  private KMeansLloyd() {}

  /**
   * Restarts of seeding plus Lloyd per k-means init, the lowest inertia kept: one, as scikit-learn
   * 1.2's GaussianMixture runs its KMeans ({@code n_init=1}; KMeans alone defaults to 10). Ten did
   * not pay on the item factors of a MovieLens model (ml-latest-small, 9,066 x 64, lambda 30, alpha
   * 3, K = 16, seeds 42 to 45), EM's mean log-likelihood from one and from ten: diag 153.2, 151.5,
   * 148.6, 147.3 (mean 150.2) and 154.5, 152.9, 153.8, 151.0 (mean 153.0), three gave 150.8, 148.1,
   * 149.8, 151.0 (mean 149.9); full 185.3, 186.2, 181.1, 180.1 (mean 183.2) and 181.7, 180.8,
   * 190.2, 183.0 (mean 183.9). scikit-learn 1.2 with random_state 0 to 3: full 189.2, 184.0, 185.8,
   * 182.9; diag 149.7 (random_state 0). Ten took the seed-42 diag fit from 1.28 s to 2.82 s, slower
   * than scikit-learn's 1.69 s, and full gained nothing beyond seed noise.
   */
  static final int RESTARTS = 1;

  /**
   * {@link #RESTARTS} restarts of {@link #fit(float[], int, int, int, SplittableRandom, RowBlocks,
   * int)}.
   */
  static KMeansPlusPlus.Seeding fit(
      float[] data, int n, int d, int K, SplittableRandom random, RowBlocks blocks) {
    return fit(data, n, d, K, random, blocks, RESTARTS);
  }

  /**
   * Seeds with greedy k-means++ and refines with Lloyd's iterations, {@code restarts} times in
   * sequence from the one {@code random}, and keeps the run with the lowest inertia (sum of squared
   * distances of the rows to their nearest centres, added in row order); the first of equal ones.
   * One restart draws exactly what a single run drew before restarts existed.
   */
  static KMeansPlusPlus.Seeding fit(
      float[] data, int n, int d, int K, SplittableRandom random, RowBlocks blocks, int restarts) {
    KMeansPlusPlus.Seeding best = null;
    double bestInertia = Double.POSITIVE_INFINITY;
    for (int r = 0; r < restarts; r++) {
      KMeansPlusPlus.Seeding run =
          refine(data, n, d, KMeansPlusPlus.seedGreedy(data, n, d, K, random), blocks);
      double inertia = inertia(run);
      if (best == null || inertia < bestInertia) {
        best = run;
        bestInertia = inertia;
      }
    }
    return best;
  }

  /** The sum of squared distances of the rows to their nearest centres, in row order. */
  static double inertia(KMeansPlusPlus.Seeding seeding) {
    double total = 0;
    for (double v : seeding.squaredDistance()) {
      total += v;
    }
    return total;
  }

  static KMeansPlusPlus.Seeding refine(
      float[] data, int n, int d, KMeansPlusPlus.Seeding start, RowBlocks blocks) {
    int K = start.centers().length;
    double[][] centers = new double[K][];
    for (int c = 0; c < K; c++) {
      centers[c] = start.centers()[c].clone();
    }
    int[] nearest = new int[n];
    double[] dist = new double[n];
    assign(data, n, d, centers, nearest, dist, blocks);
    double threshold = TOLERANCE * meanVariance(data, n, d);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double moved = 0;
      double[][] sums = new double[K][d];
      int[] counts = new int[K];
      for (int i = 0; i < n; i++) {
        int c = nearest[i];
        counts[c]++;
        double[] sum = sums[c];
        int base = i * d;
        for (int j = 0; j < d; j++) {
          sum[j] += data[base + j];
        }
      }
      for (int c = 0; c < K; c++) {
        if (counts[c] > 0) {
          for (int j = 0; j < d; j++) {
            double next = sums[c][j] / counts[c];
            double shift = next - centers[c][j];
            moved += shift * shift;
            centers[c][j] = next;
          }
        }
      }
      int[] previous = nearest.clone();
      assign(data, n, d, centers, nearest, dist, blocks);
      if (java.util.Arrays.equals(previous, nearest) || moved <= threshold) {
        break;
      }
    }
    return new KMeansPlusPlus.Seeding(centers, nearest, dist);
  }

  private static double meanVariance(float[] data, int n, int d) {
    double total = 0;
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += data[i * d + j];
      }
      mean /= n;
      double variance = 0;
      for (int i = 0; i < n; i++) {
        double v = data[i * d + j] - mean;
        variance += v * v;
      }
      total += variance / n;
    }
    return total / d;
  }

  /** K distinct rows drawn uniformly as centres, each row assigned to its nearest. */
  static KMeansPlusPlus.Seeding random(
      float[] data, int n, int d, int K, SplittableRandom random, RowBlocks blocks) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[][] centers = new double[K][d];
    for (int c = 0; c < K; c++) {
      int pick = c + random.nextInt(n - c);
      int t = order[c];
      order[c] = order[pick];
      order[pick] = t;
      for (int j = 0; j < d; j++) {
        centers[c][j] = data[order[c] * d + j];
      }
    }
    int[] nearest = new int[n];
    double[] dist = new double[n];
    assign(data, n, d, centers, nearest, dist, blocks);
    return new KMeansPlusPlus.Seeding(centers, nearest, dist);
  }

  private static void assign(
      float[] data, int n, int d, double[][] centers, int[] nearest, double[] dist, RowBlocks b) {
    b.run(
        n,
        BLOCK,
        () -> null,
        (from, to, unused) -> {
          double[] distances = new double[centers.length];
          for (int i = from; i < to; i++) {
            squaredDistances(data, i, centers, distances);
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centers.length; c++) {
              double s = distances[c];
              if (s < bestDistance) {
                bestDistance = s;
                best = c;
              }
            }
            nearest[i] = best;
            dist[i] = bestDistance;
          }
          return 0;
        });
  }

  /**
   * {@code out[c]} = the squared distance of row i to centre c, exactly as {@link
   * KMeansPlusPlus#squaredDistance} sums it, four centres per pass over the row: four independent
   * running sums the CPU overlaps, where one centre's sum waits on its own adds.
   */
  private static void squaredDistances(float[] data, int i, double[][] centers, double[] out) {
    int d = centers[0].length;
    int base = i * d;
    int c = 0;
    for (; c + 3 < centers.length; c += 4) {
      double[] m0 = centers[c];
      double s0 = 0;
      double[] m1 = centers[c + 1];
      double s1 = 0;
      double[] m2 = centers[c + 2];
      double s2 = 0;
      double[] m3 = centers[c + 3];
      double s3 = 0;
      for (int j = 0; j < d; j++) {
        double x = data[base + j];
        double v0 = x - m0[j];
        double v1 = x - m1[j];
        double v2 = x - m2[j];
        double v3 = x - m3[j];
        s0 += v0 * v0;
        s1 += v1 * v1;
        s2 += v2 * v2;
        s3 += v3 * v3;
      }
      out[c] = s0;
      out[c + 1] = s1;
      out[c + 2] = s2;
      out[c + 3] = s3;
    }
    for (; c < centers.length; c++) {
      out[c] = KMeansPlusPlus.squaredDistance(data, i, centers[c]);
    }
  }
}
