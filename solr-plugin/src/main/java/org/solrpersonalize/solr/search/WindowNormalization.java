package org.solrpersonalize.solr.search;

import java.util.Locale;

/**
 * How a score component is normalized inside the rerank window, so that text scores, dot products
 * and log-likelihoods (different scales, often negative) can be weighted against each other.
 * Documents lacking a component get the mean normalized value of the documents that have it: a
 * neutral value that leaves them in their text order among themselves.
 */
public enum WindowNormalization {
  /** Raw values. */
  NONE,
  /** {@code (x - min) / (max - min)}, 0 when all values are equal. */
  MINMAX,
  /** {@code (x - mean) / stddev}, 0 when all values are equal. */
  ZSCORE;

  public static WindowNormalization parse(String value) {
    for (WindowNormalization n : values()) {
      if (n.name().toLowerCase(Locale.ROOT).equals(value)) {
        return n;
      }
    }
    throw new IllegalArgumentException(value);
  }

  /**
   * What a normalization saw in one window: over the {@code count} documents that have the part,
   * its {@code min}, {@code max}, {@code mean} and population {@code stddev}, and the {@code
   * neutral} value given to documents without it (the mean of the normalized values).
   */
  public record Statistics(
      int count, double min, double max, double mean, double stddev, double neutral) {}

  /** The lower-case name a request gives ({@code norm=zscore}). */
  public String parameterValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Normalizes {@code values[0, count)} in place over the entries marked present and fills the
   * others with the neutral value; returns what it saw, for explanations. Without any present entry
   * every value becomes 0.
   */
  public Statistics apply(double[] values, boolean[] present, int count) {
    int n = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (int i = 0; i < count; i++) {
      if (present[i]) {
        n++;
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
        sum += values[i];
      }
    }
    if (n == 0) {
      java.util.Arrays.fill(values, 0, count, 0);
      return new Statistics(0, 0, 0, 0, 0, 0);
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = 0; i < count; i++) {
      if (present[i]) {
        squares += (values[i] - mean) * (values[i] - mean);
      }
    }
    double std = Math.sqrt(squares / n);
    double normalizedSum = 0;
    for (int i = 0; i < count; i++) {
      if (present[i]) {
        values[i] =
            switch (this) {
              case NONE -> values[i];
              case MINMAX -> max > min ? (values[i] - min) / (max - min) : 0;
              case ZSCORE -> std > 0 ? (values[i] - mean) / std : 0;
            };
        normalizedSum += values[i];
      }
    }
    double neutral = normalizedSum / n;
    for (int i = 0; i < count; i++) {
      if (!present[i]) {
        values[i] = neutral;
      }
    }
    return new Statistics(n, min, max, mean, std, neutral);
  }
}
