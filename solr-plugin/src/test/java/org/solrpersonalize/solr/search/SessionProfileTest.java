package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.solrpersonalize.solr.store.ModelConstants;

/**
 * A session's profile by hand: with {@code Y^T Y = I}, lambda = 1 and alpha = 1, each item the
 * session touched has confidence 2, so fold-in solves {@code (2I + sum y y^T) x = 2 sum y}.
 */
class SessionProfileTest {
  private static final ModelConstants MODEL =
      new ModelConstants(
          "m1",
          "a",
          2,
          2,
          new float[] {(float) Math.log(0.25), (float) Math.log(0.75)},
          new double[] {1, 0, 0, 1},
          1.0,
          1.0);

  @Test
  void oneItemFoldsInAlongItsFactorsAndShiftsTheClusterPosterior() {
    SessionProfile p =
        SessionProfile.fromFactors(MODEL, new float[] {1, 0}, new float[] {-1, -3}, 1);
    assertEquals(1, p.itemsFound);
    // (diag(3, 2)) x = (2, 0)
    assertArrayEquals(new float[] {2f / 3, 0f}, p.vector, 1e-7f);
    // theta_k proportional to pi_k e^{l_k}: 0.25 e^-1 against 0.75 e^-3.
    double z = 0.25 * Math.exp(-1) + 0.75 * Math.exp(-3);
    assertArrayEquals(
        new float[] {
          (float) Math.log(0.25 * Math.exp(-1) / z), (float) Math.log(0.75 * Math.exp(-3) / z)
        },
        p.logAffinity,
        1e-6f);
  }

  @Test
  void itemsAreAveragedIntoOneObservation() {
    SessionProfile p =
        SessionProfile.fromFactors(
            MODEL, new float[] {1, 0, 0, 1}, new float[] {-1, -3, -3, -1}, 2);
    assertEquals(2, p.itemsFound);
    // (3I) x = (2, 2); mean log-densities (-2, -2) leave the prior pi = (0.25, 0.75).
    assertArrayEquals(new float[] {2f / 3, 2f / 3}, p.vector, 1e-7f);
    assertArrayEquals(
        new float[] {(float) Math.log(0.25), (float) Math.log(0.75)}, p.logAffinity, 1e-6f);
  }

  @Test
  void noItemFoundIsAnEmptyProfile() {
    SessionProfile p = SessionProfile.fromFactors(MODEL, new float[4], new float[4], 0);
    assertEquals(0, p.itemsFound);
    assertArrayEquals(new float[] {0, 0}, p.vector, 0f);
    assertArrayEquals(new float[] {0, 0}, p.logAffinity, 0f);
  }

  @Test
  void aModelWithoutClustersHasNoAffinities() {
    ModelConstants noClusters =
        new ModelConstants("m1", "a", 2, 0, new float[0], new double[] {1, 0, 0, 1}, 1.0, 1.0);
    SessionProfile p = SessionProfile.fromFactors(noClusters, new float[] {0, 1}, new float[0], 1);
    assertArrayEquals(new float[] {0f, 2f / 3}, p.vector, 1e-7f);
    assertEquals(0, p.logAffinity.length);
  }
}
