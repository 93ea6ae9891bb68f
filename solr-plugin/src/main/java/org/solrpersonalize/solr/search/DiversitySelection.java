package org.solrpersonalize.solr.search;

import java.util.Arrays;
import org.solrpersonalize.math.FloatDot;

/**
 * The order of a reranked window with {@code diversity=λ} (maximal marginal relevance) and {@code
 * maxPerCluster=n} (a cap per mixture cluster on each page). Pure Java: the rescorer hands it the
 * candidates (the window's best {@link #CANDIDATES}) in their reranked order, best first, with each
 * document's score, item factors and cluster.
 *
 * <p>Positions are filled greedily from the top. Each one takes the document with the highest
 * {@code (1 - λ) * relevance - λ * maxSimilarity}, where relevance is the score min-max scaled over
 * the candidates (so λ weighs two values in [0, 1] against each other whatever the norm) and
 * maxSimilarity is the highest cosine similarity of its factors to the documents placed before it
 * (0 before the first). Ties go to the better-ranked document, so λ = 0 without a cap keeps the
 * order exactly, and λ = 1 places, after the best document, always the one least like those already
 * placed. A document without factors counts as similar (1) to every document placed before it and
 * is in no cluster: nothing says it differs from them, and counting it as different (0) filled the
 * diversified pages of the demo shop with unknown products (bin/bench, diversity section: 3.6
 * distinct clusters per page at diversity=0.5 instead of 7.3).
 *
 * <p>With a cap, positions are counted in pages of {@code pageRows} from the top: a document whose
 * cluster already has {@code maxPerCluster} documents on the page being filled waits, unless every
 * remaining document does (then the page is filled in MMR order rather than left short).
 *
 * <p>Greedy selection never revisits a position, so the first {@code m} positions are the same
 * whether {@code m} or more are filled: filling only through the requested page ({@code reach =
 * start + rows}) costs {@code reach * candidates} similarities, and page 2 continues page 1.
 * Positions past {@code reach} keep the reranked order of the remaining documents.
 */
final class DiversitySelection {
  /** No cap. */
  static final int NO_CAP = 0;

  /**
   * Candidates of a rerank window: its best this many documents by reranked score; the rest keep
   * their order after them. Each placed document costs a similarity to every candidate: with all of
   * a 1,000-document window at k = 64, diversity=0.5 added 0.33 ms p50 to a page of 10, with 250 it
   * adds 0.13 ms (bin/bench --only diversity, demo shop, 2 loaded cores; the target is 0.3). Pages
   * of 10 to 50 rarely need documents from further down, which relevance ranks low anyway.
   */
  static final int CANDIDATES = 250;

  /** Similarity of a document without factors to any other. */
  static final double UNKNOWN_SIMILARITY = 1;

  private final double lambda;
  private final int maxPerCluster;

  /**
   * @param lambda λ in [0, 1]: 0 is relevance alone, 1 diversity alone
   * @param maxPerCluster documents per cluster and page, or {@link #NO_CAP}
   */
  DiversitySelection(double lambda, int maxPerCluster) {
    if (!(lambda >= 0 && lambda <= 1) || maxPerCluster < 0) {
      throw new IllegalArgumentException(
          "need lambda in [0, 1] and maxPerCluster >= 0, got " + lambda + ", " + maxPerCluster);
    }
    this.lambda = lambda;
    this.maxPerCluster = maxPerCluster;
  }

  /** Whether the order can differ from the reranked order. */
  boolean changesOrder() {
    return lambda > 0 || maxPerCluster != NO_CAP;
  }

  /**
   * The window a selection reads, in reranked order (index 0 is the best score).
   *
   * @param scores reranked scores, non-increasing
   * @param vectors {@code factors} floats per document, row-major (anything where it has none)
   * @param hasFactors whether each document has item factors
   * @param clusters each document's most likely cluster, -1 for none
   */
  record Window(
      int size,
      int factors,
      double[] scores,
      float[] vectors,
      boolean[] hasFactors,
      int[] clusters) {
    Window {
      if (scores.length < size
          || hasFactors.length < size
          || clusters.length < size
          || vectors.length < (long) size * factors) {
        throw new IllegalArgumentException("window arrays shorter than its " + size + " documents");
      }
    }

    /** The window of documents {@code index[0, length)}, in that order (scores 0). */
    Window rows(int[] index, int length) {
      return gather(index, length, factors, new double[length], vectors, hasFactors, clusters);
    }

    /**
     * The window of documents {@code index[0, length)} of these arrays, in that order, with {@code
     * scores} (already in that order).
     */
    static Window gather(
        int[] index,
        int length,
        int factors,
        double[] scores,
        float[] vectors,
        boolean[] hasFactors,
        int[] clusters) {
      float[] v = new float[length * factors];
      boolean[] has = new boolean[length];
      int[] c = new int[length];
      for (int p = 0; p < length; p++) {
        int i = index[p];
        System.arraycopy(vectors, i * factors, v, p * factors, factors);
        has[p] = hasFactors[i];
        c[p] = clusters[i];
      }
      return new Window(length, factors, scores, v, has, c);
    }
  }

  /**
   * How one position was filled, for {@code debugQuery}.
   *
   * @param relevance the score min-max scaled over the candidates
   * @param maxSimilarity highest cosine similarity to the documents placed before (0 for none)
   * @param value {@code (1 - λ) * relevance - λ * maxSimilarity}
   * @param capRelaxed the page had reached the cap for every remaining document's cluster
   */
  record Step(double relevance, double maxSimilarity, double value, boolean capRelaxed) {}

  /**
   * The selected order.
   *
   * @param order window indexes by position: {@code order[p]} is the document at position p
   * @param steps how positions {@code [0, reach)} were filled; beyond, null
   */
  record Result(int[] order, Step[] steps) {}

  /**
   * Fills positions {@code [0, min(reach, size))} by MMR under the cap; the rest keep their order.
   *
   * @param reach positions the request shows, {@code start + rows}
   * @param pageRows page length the cap counts in ({@code rows})
   */
  Result select(Window w, int reach, int pageRows) {
    int n = w.size();
    int m = Math.max(0, Math.min(reach, n));
    int[] order = new int[n];
    Step[] steps = new Step[n];
    boolean[] placed = new boolean[n];
    double[] relevance = relevance(w.scores(), n);
    Similarities similarities = new Similarities(w);
    int[] onPage = new int[maxCluster(w.clusters(), n) + 1];
    int page = -1;
    for (int p = 0; p < m; p++) {
      if (maxPerCluster != NO_CAP && p / Math.max(1, pageRows) != page) {
        page = p / Math.max(1, pageRows);
        Arrays.fill(onPage, 0);
      }
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      boolean relaxed = false;
      for (int pass = 0; pass < 2 && best < 0; pass++) {
        // Pass 0 respects the cap; pass 1 runs only when every remaining document is capped.
        relaxed = pass == 1;
        for (int i = 0; i < n; i++) {
          if (placed[i] || (!relaxed && capped(w.clusters()[i], onPage))) {
            continue;
          }
          // Relevance does not increase down the window and similarity is at least -1: once even
          // that bound is below the best value, no later document can win.
          if ((1 - lambda) * relevance[i] + lambda < bestValue) {
            break;
          }
          double value = (1 - lambda) * relevance[i];
          if (lambda > 0 && p > 0) {
            value -= lambda * similarities.max(i);
          }
          if (value > bestValue) {
            best = i;
            bestValue = value;
          }
        }
      }
      placed[best] = true;
      order[p] = best;
      double similarity = similarities.max(best);
      if (p + 1 < m) {
        similarities.place(p, best);
      }
      steps[p] = new Step(relevance[best], similarity, bestValue, relaxed);
      int c = w.clusters()[best];
      if (c >= 0) {
        onPage[c]++;
      }
    }
    int p = m;
    for (int i = 0; i < n; i++) {
      if (!placed[i]) {
        order[p++] = i;
      }
    }
    return new Result(order, steps);
  }

  /**
   * Each document's highest similarity to the placed ones. Placing a document computes its
   * similarity to the whole window at once, over unit vectors stored transposed (one row per
   * factor): {@code k} passes of {@code sims[j] += q * unit[d][j]} over the window, a loop the JIT
   * turns into SIMD instructions, where one dot product per pair cost about 20 ns at k = 64, most
   * of it the call and the final sum across lanes.
   */
  private static final class Similarities {
    private final int n;
    private final int k;
    private final boolean[] hasFactors;
    private final float[] transposed; // [d * n + i]
    private final float[] sims;
    private final float[] maxSim;

    Similarities(Window w) {
      this.n = w.size();
      this.k = w.factors();
      this.hasFactors = w.hasFactors();
      float[] v = w.vectors();
      // Transposed in blocks of 16 documents: 16 rows are read while their cache lines are hot,
      // 16 adjacent floats written per factor.
      this.transposed = new float[k * n];
      for (int from = 0; from < n; from += 16) {
        int to = Math.min(n, from + 16);
        for (int d = 0; d < k; d++) {
          int row = d * n;
          for (int i = from; i < to; i++) {
            transposed[row + i] = v[i * k + d];
          }
        }
      }
      // Lengths and scaling factor by factor: loops over the window the JIT vectorizes, where a
      // sum per document waits on its previous add k times.
      float[] scale = new float[n];
      for (int d = 0; d < k; d++) {
        int row = d * n;
        for (int i = 0; i < n; i++) {
          scale[i] += transposed[row + i] * transposed[row + i];
        }
      }
      for (int i = 0; i < n; i++) {
        scale[i] = hasFactors[i] && scale[i] > 0 ? (float) (1 / Math.sqrt(scale[i])) : 0f;
      }
      for (int d = 0; d < k; d++) {
        int row = d * n;
        for (int i = 0; i < n; i++) {
          transposed[row + i] *= scale[i];
        }
      }
      this.sims = new float[n];
      this.maxSim = new float[n];
    }

    /** Takes document {@code i}, placed at position {@code p}, into every document's maximum. */
    void place(int p, int i) {
      if (!hasFactors[i]) {
        Arrays.fill(maxSim, (float) UNKNOWN_SIMILARITY);
        return;
      }
      Arrays.fill(sims, 0f);
      int d = 0;
      // Four factors per pass: a quarter of the loads and stores of sims.
      for (; d + 3 < k; d += 4) {
        int r0 = d * n;
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        float q0 = transposed[r0 + i];
        float q1 = transposed[r1 + i];
        float q2 = transposed[r2 + i];
        float q3 = transposed[r3 + i];
        for (int j = 0; j < n; j++) {
          sims[j] +=
              q0 * transposed[r0 + j]
                  + q1 * transposed[r1 + j]
                  + q2 * transposed[r2 + j]
                  + q3 * transposed[r3 + j];
        }
      }
      for (; d < k; d++) {
        float q = transposed[d * n + i];
        int row = d * n;
        for (int j = 0; j < n; j++) {
          sims[j] += q * transposed[row + j];
        }
      }
      if (p == 0) {
        System.arraycopy(sims, 0, maxSim, 0, n);
      } else {
        for (int j = 0; j < n; j++) {
          maxSim[j] = Math.max(maxSim[j], sims[j]);
        }
      }
      for (int j = 0; j < n; j++) {
        if (!hasFactors[j]) {
          maxSim[j] = (float) UNKNOWN_SIMILARITY;
        }
      }
    }

    /** Highest similarity of document {@code i} to the placed documents (0 before the first). */
    double max(int i) {
      // Rounding may take unit vectors a little past +-1; the pruning bound relies on >= -1.
      return Math.max(-1, Math.min(1, maxSim[i]));
    }
  }

  private boolean capped(int cluster, int[] onPage) {
    return maxPerCluster != NO_CAP && cluster >= 0 && onPage[cluster] >= maxPerCluster;
  }

  private static int maxCluster(int[] clusters, int n) {
    int max = -1;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, clusters[i]);
    }
    return max;
  }

  /** Scores min-max scaled over the candidates; all 0 when they are equal. */
  static double[] relevance(double[] scores, int n) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, scores[i]);
      max = Math.max(max, scores[i]);
    }
    double[] out = new double[n];
    if (max > min) {
      for (int i = 0; i < n; i++) {
        out[i] = (scores[i] - min) / (max - min);
      }
    }
    return out;
  }

  /** Each document's factors divided by their length; zero rows without factors or length. */
  static float[] unitVectors(Window w) {
    int k = w.factors();
    float[] unit = new float[w.size() * k];
    for (int i = 0; i < w.size(); i++) {
      if (!w.hasFactors()[i]) {
        continue;
      }
      double squares = 0;
      for (int d = 0; d < k; d++) {
        double x = w.vectors()[i * k + d];
        squares += x * x;
      }
      if (squares > 0) {
        double scale = 1 / Math.sqrt(squares);
        for (int d = 0; d < k; d++) {
          unit[i * k + d] = (float) (w.vectors()[i * k + d] * scale);
        }
      }
    }
    return unit;
  }

  /** Cosine similarity of two rows of unit vectors; {@link #UNKNOWN_SIMILARITY} without factors. */
  static double cosine(float[] unit, int k, int a, int b, boolean[] hasFactors) {
    if (!hasFactors[a] || !hasFactors[b]) {
      return UNKNOWN_SIMILARITY;
    }
    float dot = FloatDot.dot(unit, a * k, unit, b * k, k);
    // Rounding may take unit vectors a little past +-1; the pruning bound relies on >= -1.
    return Math.max(-1, Math.min(1, dot));
  }
}
