package org.solrpersonalize.trainer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedSamplerTest {
  @Test
  void drawsInProportionToWeightsAndNeverAZeroWeight() {
    WeightedSampler sampler = new WeightedSampler(new double[] {1, 0, 3});
    SplittableRandom random = new SplittableRandom(1);
    int[] counts = new int[3];
    for (int i = 0; i < 40_000; i++) {
      counts[sampler.sample(random)]++;
    }
    assertEquals(0, counts[1]);
    // Expected 10,000 and 30,000; a seeded run stays well within 3 standard deviations (~260).
    assertEquals(10_000, counts[0], 260);
    assertEquals(30_000, counts[2], 260);
  }

  @Test
  void rejectsBadWeights() {
    assertEquals(
        "weight 1 must be finite and >= 0, got -1.0",
        assertThrows(
                IllegalArgumentException.class, () -> new WeightedSampler(new double[] {1, -1}))
            .getMessage());
    assertEquals(
        "weights sum to 0",
        assertThrows(IllegalArgumentException.class, () -> new WeightedSampler(new double[] {0, 0}))
            .getMessage());
  }
}
