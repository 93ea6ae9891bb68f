package org.solrpersonalize.trainer.demo;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/** Draws index {@code i} with probability {@code weights[i] / sum(weights)} (binary search). */
final class WeightedSampler {
  private final double[] cumulative;

  WeightedSampler(double[] weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("no weights to sample from");
    }
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException(
            "weight " + i + " must be finite and >= 0, got " + weights[i]);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights sum to 0");
    }
  }

  /** Draws index {@code i} of {@code things} with a probability proportional to its weight. */
  static <T> WeightedSampler of(List<T> things, ToDoubleFunction<T> weight) {
    return new WeightedSampler(things.stream().mapToDouble(weight).toArray());
  }

  int sample(RandomGenerator random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    int found = Arrays.binarySearch(cumulative, u);
    int index = found >= 0 ? found + 1 : -found - 1;
    // u lands exactly on a boundary only with probability ~0; keep the index in range anyway.
    return Math.min(index, cumulative.length - 1);
  }

  int size() {
    return cumulative.length;
  }
}
