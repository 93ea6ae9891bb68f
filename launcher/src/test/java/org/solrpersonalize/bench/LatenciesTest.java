package org.solrpersonalize.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatenciesTest {
  @Test
  void thePairedRatioIsTheMedianOfEachStepsRatioNotTheRatioOfTheMedians() {
    // Three text queries of 1, 2 and 10 ms; the variant adds 10% to each. Step by step the ratio
    // is 1.1 whatever the text; the p50s fall on different steps once a step's noise reorders them.
    long[] text = {1_000_000, 2_000_000, 10_000_000, 1_900_000};
    long[] variant = {1_100_000, 2_200_000, 11_000_000, 1_900_000 * 13 / 10};
    Latencies base = new Latencies(text.length);
    Latencies with = new Latencies(variant.length);
    for (int i = 0; i < text.length; i++) {
      base.add(text[i]);
      with.add(variant[i]);
    }
    // Ratios 1.1, 1.1, 1.1, 1.3: nearest-rank median (2nd of 4) 1.1.
    assertEquals(1.1, with.pairedMedianRatio(base), 1e-12);
    // The p50s: 1.9 and 2.2 ms (2nd of 4 each), whose ratio is 1.158.
    assertEquals(2.2 / 1.9, with.percentileMillis(50) / base.percentileMillis(50), 1e-12);
    assertEquals(Double.NaN, with.pairedMedianRatio(new Latencies(0)));
  }
}
