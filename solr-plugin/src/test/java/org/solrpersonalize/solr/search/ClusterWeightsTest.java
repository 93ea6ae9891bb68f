package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The linear weights are the exponentials of the log weights, which are kept as given. */
class ClusterWeightsTest {
  @Test
  void linearWeightsAreExpOfTheLogWeights() {
    float[] logTheta = {0f, (float) Math.log(0.25), -200f};
    float[] logPi = {(float) Math.log(0.5), (float) Math.log(0.5), -1f};
    ClusterWeights w = ClusterWeights.of(logTheta, logPi);
    assertEquals(3, w.size());
    assertSame(logTheta, w.logTheta());
    assertSame(logPi, w.logPi());
    // e^-200 is below float range: 0, which is why the log weights stay for the exact fallback.
    assertArrayEquals(new float[] {1f, 0.25f, 0f}, w.theta(), 1e-7f);
    assertArrayEquals(new float[] {0.5f, 0.5f, (float) Math.exp(-1)}, w.pi(), 1e-7f);
  }
}
