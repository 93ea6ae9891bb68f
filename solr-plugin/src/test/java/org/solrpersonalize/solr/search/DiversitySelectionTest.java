package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * MMR and cluster caps on a window of five documents, worked by hand. Scores 5, 4, 3, 2, 1 give
 * relevance 1, 0.75, 0.5, 0.25, 0. Factors: d0 = (1, 0), d1 = (1, 0) (d0 again), d2 = (0, 1), d3 =
 * (0.6, 0.8), d4 = (-1, 0); so cos(d0, d1) = 1, cos(d0, d2) = 0, cos(d0, d3) = 0.6, cos(d0, d4) =
 * -1, cos(d2, d3) = 0.8, cos(d2, d4) = 0, cos(d3, d4) = -0.6. Clusters 0, 0, 1, 1, 2.
 */
class DiversitySelectionTest {
  private static final double[] SCORES = {5, 4, 3, 2, 1};
  private static final float[] VECTORS = {1, 0, 1, 0, 0, 1, 0.6f, 0.8f, -1, 0};
  private static final int[] CLUSTERS = {0, 0, 1, 1, 2};

  private static DiversitySelection.Window window() {
    return new DiversitySelection.Window(
        5, 2, SCORES, VECTORS, new boolean[] {true, true, true, true, true}, CLUSTERS);
  }

  private static int[] order(double lambda, int cap, int reach, int pageRows) {
    return new DiversitySelection(lambda, cap).select(window(), reach, pageRows).order();
  }

  @Test
  void lambdaZeroWithoutCapKeepsTheRerankedOrderExactly() {
    assertFalse(new DiversitySelection(0, DiversitySelection.NO_CAP).changesOrder());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, order(0, 0, 5, 10));
    // Equal scores: relevance 0 everywhere, ties keep the rank.
    double[] equal = {2, 2, 2, 2, 2};
    DiversitySelection.Window flat =
        new DiversitySelection.Window(5, 2, equal, VECTORS, new boolean[5], CLUSTERS);
    assertArrayEquals(
        new int[] {0, 1, 2, 3, 4}, new DiversitySelection(0, 0).select(flat, 5, 10).order());
  }

  /**
   * λ = 0.5, value 0.5 * relevance - 0.5 * maxSim. Position 1: d0 (0.5). Position 2: d1 0.375 -
   * 0.5, d2 0.25 - 0, d3 0.125 - 0.3, d4 0 + 0.5: d4. Position 3, against {d0, d4}: d1 -0.125, d2
   * 0.25, d3 -0.175: d2. Position 4: d1 -0.125 beats d3 0.125 - 0.4. Then d3.
   */
  @Test
  void mmrAtHalfPlacesTheHandComputedOrder() {
    DiversitySelection.Result r = new DiversitySelection(0.5, 0).select(window(), 5, 10);
    assertArrayEquals(new int[] {0, 4, 2, 1, 3}, r.order());
    assertStep(r.steps()[0], 1, 0, 0.5);
    assertStep(r.steps()[1], 0, -1, 0.5);
    assertStep(r.steps()[2], 0.5, 0, 0.25);
    assertStep(r.steps()[3], 0.75, 1, -0.125);
    assertStep(r.steps()[4], 0.25, 0.8, 0.125 - 0.4);
  }

  /**
   * λ = 0.3, value 0.7 * relevance - 0.3 * maxSim. Position 2: d1 0.225, d2 0.35, d3 -0.005, d4
   * 0.3: d2. Position 3 against {d0, d2}: d1 0.225, d3 0.175 - 0.24, d4 0: d1. Position 4: d4 (0)
   * over d3 (-0.065).
   */
  @Test
  void mmrAtAThirdPlacesTheHandComputedOrder() {
    assertArrayEquals(new int[] {0, 2, 1, 4, 3}, order(0.3, 0, 5, 10));
  }

  /**
   * λ = 1: the best document first (all values 0, the rank breaks the tie), then always the least
   * similar to those placed: d4 (-1), d2 (max 0), d3 (max 0.8 beats d1's 1), d1.
   */
  @Test
  void lambdaOneMaximizesDiversity() {
    int[] order = order(1, 0, 5, 10);
    assertArrayEquals(new int[] {0, 4, 2, 3, 1}, order);
    // No three documents have a larger mean pairwise cosine distance than its first three.
    double best = 0;
    for (int a = 0; a < 5; a++) {
      for (int b = a + 1; b < 5; b++) {
        for (int c = b + 1; c < 5; c++) {
          best = Math.max(best, distance(new int[] {a, b, c}));
        }
      }
    }
    assertEquals(4.0 / 3, best, 1e-6);
    assertEquals(best, distance(new int[] {order[0], order[1], order[2]}), 1e-6);
  }

  private static double distance(int[] page) {
    return PageDiversity.of(window(), page, page.length).meanCosineDistance();
  }

  @Test
  void onlyThePageIsPlacedAndPageTwoContinuesPageOne() {
    // Through position 2 only: the rest keep their rank order.
    assertArrayEquals(new int[] {0, 4, 1, 2, 3}, order(0.5, 0, 2, 2));
    int[] all = order(0.5, 0, 5, 10);
    for (int reach = 1; reach <= 5; reach++) {
      int[] partial = order(0.5, 0, reach, 10);
      for (int p = 0; p < reach; p++) {
        assertEquals(all[p], partial[p], "reach " + reach + " position " + p);
      }
    }
  }

  /**
   * One per cluster on pages of two, λ = 0: page 1 d0, then d1 waits (cluster 0 is full) for d2;
   * page 2 starts afresh with d1 and d3; page 3 d4.
   */
  @Test
  void capsCountPerPage() {
    assertArrayEquals(new int[] {0, 2, 1, 3, 4}, order(0, 1, 5, 2));
    // Two per cluster on pages of two changes nothing.
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, order(0, 2, 5, 2));
  }

  /**
   * One per cluster on one page of five: d0, d2, d4, then only clusters 0 and 1 are left, both
   * full: the page is filled in score order (d1, d3) and the steps say the cap was relaxed.
   */
  @Test
  void aPageWhoseRemainingClustersAreAllFullIsFilledAnyway() {
    DiversitySelection.Result r = new DiversitySelection(0, 1).select(window(), 5, 5);
    assertArrayEquals(new int[] {0, 2, 4, 1, 3}, r.order());
    assertFalse(r.steps()[2].capRelaxed());
    assertTrue(r.steps()[3].capRelaxed());
    assertTrue(r.steps()[4].capRelaxed());
  }

  @Test
  void documentsWithoutFactorsAreSimilarToEverythingAndNeverCapped() {
    boolean[] has = {true, true, false, true, true};
    int[] clusters = {0, 0, -1, 1, 2};
    DiversitySelection.Window w =
        new DiversitySelection.Window(5, 2, SCORES, VECTORS, has, clusters);
    // Cap 1 on one page: d0, d2 (no cluster), d3, d4, then d1 relaxed.
    assertArrayEquals(
        new int[] {0, 2, 3, 4, 1}, new DiversitySelection(0, 1).select(w, 5, 5).order());
    // λ = 1: d4 (-1 to d0); then d3 (0.6) before d1 and d2 (1 each); then d1, d2 in rank order.
    DiversitySelection.Result r = new DiversitySelection(1, 0).select(w, 5, 5);
    assertArrayEquals(new int[] {0, 4, 3, 1, 2}, r.order());
    assertStep(r.steps()[4], 0.5, 1, -1);
    PageDiversity page = PageDiversity.of(w, new int[] {0, 2, 4}, 3);
    assertEquals(2, page.documents());
    assertEquals(2, page.clusters());
    assertEquals(2.0, page.meanCosineDistance(), 1e-6);
    assertTrue(Double.isNaN(PageDiversity.of(w, new int[] {2, 0}, 2).meanCosineDistance()));
  }

  @Test
  void pageDiversityCountsDistinctClustersAndMeanPairwiseDistance() {
    PageDiversity page = PageDiversity.of(window(), new int[] {0, 1, 2, 3}, 4);
    assertEquals(4, page.documents());
    assertEquals(2, page.clusters());
    // Pairs: (0,1) 0, (0,2) 1, (0,3) 0.4, (1,2) 1, (1,3) 0.4, (2,3) 0.2.
    assertEquals(3.0 / 6, page.meanCosineDistance(), 1e-6);
  }

  @Test
  void parametersOutsideTheirRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DiversitySelection(1.5, 0));
    assertThrows(IllegalArgumentException.class, () -> new DiversitySelection(Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> new DiversitySelection(0.5, -1));
    assertNull(new DiversitySelection(0.5, 0).select(window(), 2, 10).steps()[2]);
  }

  private static void assertStep(
      DiversitySelection.Step step, double relevance, double maxSimilarity, double value) {
    assertEquals(relevance, step.relevance(), 1e-6, "relevance");
    assertEquals(maxSimilarity, step.maxSimilarity(), 1e-6, "maxSimilarity");
    assertEquals(value, step.value(), 1e-6, "value");
  }
}
