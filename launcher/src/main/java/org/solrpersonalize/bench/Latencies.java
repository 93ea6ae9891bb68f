package org.solrpersonalize.bench;

import java.util.Arrays;

/** Request latencies of one variant, in nanoseconds; percentiles by the nearest-rank method. */
final class Latencies {
  private final long[] nanos;
  private int size;

  /** Room for the {@code requests} measured: nothing is allocated while timing. */
  Latencies(int requests) {
    nanos = new long[requests];
  }

  void add(long value) {
    nanos[size++] = value;
  }

  int size() {
    return size;
  }

  /**
   * The {@code p}-th percentile in milliseconds (nearest rank: the smallest value with at least p%
   * at or below it).
   */
  double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
  }

  /**
   * The median over requests of this variant's latency over {@code base}'s in the same step (both
   * sent in one step for the same text and user, in a shuffled order): a ratio that a text query's
   * cost cancels out of, unlike the ratio of the two p50s, which can fall on different text queries
   * from run to run. Nearest rank, as {@link #percentileMillis}.
   */
  double pairedMedianRatio(Latencies base) {
    int n = Math.min(size, base.size);
    if (n == 0) {
      return Double.NaN;
    }
    double[] ratios = new double[n];
    for (int i = 0; i < n; i++) {
      ratios[i] = (double) nanos[i] / base.nanos[i];
    }
    Arrays.sort(ratios);
    return ratios[(int) Math.ceil(n / 2.0) - 1];
  }

  /** Requests per second of one client thread sending them back to back. */
  double throughput() {
    long total = 0;
    for (int i = 0; i < size; i++) {
      total += nanos[i];
    }
    return total == 0 ? Double.NaN : size / (total / 1e9);
  }
}
