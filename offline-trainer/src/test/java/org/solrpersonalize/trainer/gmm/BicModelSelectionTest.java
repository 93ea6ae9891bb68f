package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BicModelSelectionTest {
  private static final PlantedMixture THREE = PlantedMixture.threeIn2d(600, 21L);

  /** A correlated component needs two diagonal ones: diagonal fits get axis-aligned data. */
  private static final PlantedMixture THREE_AXIS_ALIGNED =
      PlantedMixture.threeAxisAlignedIn2d(600, 21L);

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void picksThePlantedNumberOfComponents(CovarianceType type) {
    PlantedMixture planted = type == CovarianceType.FULL ? THREE : THREE_AXIS_ALIGNED;
    GmmConfig base = new GmmConfig(1, type, 100, 1e-6, 1e-6, 2, 3L, 2, GmmInit.KMEANS_PLUS_PLUS);
    BicModelSelection.Result r =
        BicModelSelection.selectWithScores(
            planted.data, planted.n, 2, new int[] {5, 1, 2, 3, 4}, base, EmProgress.NONE);
    assertEquals(3, r.model().components());
    assertEquals(List.of(1, 2, 3, 4, 5), List.copyOf(r.bicByK().keySet()));
    for (Map.Entry<Integer, Double> e : r.bicByK().entrySet()) {
      if (e.getKey() != 3) {
        assertEquals(true, e.getValue() > r.bicByK().get(3), "BIC of K=" + e.getKey());
      }
    }
    // The reported score is the model's own BIC on the training data.
    assertEquals(r.model().bic(planted.data, planted.n), r.bicByK().get(3), 0.0);
    assertEquals(
        3,
        BicModelSelection.select(planted.data, planted.n, 2, new int[] {2, 3, 4}, base, null)
            .components());
  }

  @Test
  void badCandidatesAreNamed() {
    GmmConfig base = GmmConfig.defaults(1);
    assertEquals(
        "candidate K=0 is outside [1, n=600]",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    BicModelSelection.select(THREE.data, THREE.n, 2, new int[] {2, 0}, base, null))
            .getMessage());
    assertEquals(
        "candidateKs must name at least one K",
        assertThrows(
                IllegalArgumentException.class,
                () -> BicModelSelection.select(THREE.data, THREE.n, 2, new int[0], base, null))
            .getMessage());
  }

  @Test
  void aSingleCandidateIsReturned() {
    BicModelSelection.Result r =
        BicModelSelection.selectWithScores(
            THREE.data, THREE.n, 2, new int[] {2, 2}, GmmConfig.defaults(1), null);
    assertEquals(2, r.model().components());
    assertEquals(1, r.bicByK().size());
    assertSame(r.bicByK(), r.bicByK());
  }
}
