package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Each normalization of a window of four present values {2, 4, 6, 8} (min 2, max 8, mean 5,
 * population variance (9 + 1 + 1 + 9) / 4 = 5) and one absent value, which gets the neutral mean of
 * the normalized ones.
 */
class WindowNormalizationTest {
  private static final boolean[] PRESENT = {true, true, false, true, true};

  private static double[] window() {
    return new double[] {2, 4, 99, 6, 8, 77}; // 77: past count, never touched
  }

  @Test
  void noneKeepsRawValuesAndGivesTheAbsentOneTheirMean() {
    double[] values = window();
    WindowNormalization.Statistics s = WindowNormalization.NONE.apply(values, PRESENT, 5);
    assertArrayEquals(new double[] {2, 4, 5, 6, 8, 77}, values, 0);
    assertEquals(new WindowNormalization.Statistics(4, 2, 8, 5, Math.sqrt(5), 5), s);
  }

  @Test
  void minmaxMapsTheWindowOntoZeroToOne() {
    double[] values = window();
    WindowNormalization.Statistics s = WindowNormalization.MINMAX.apply(values, PRESENT, 5);
    assertArrayEquals(new double[] {0, 2.0 / 6, 0.5, 4.0 / 6, 1, 77}, values, 1e-15);
    assertEquals(4, s.count());
    assertEquals(2, s.min(), 0);
    assertEquals(8, s.max(), 0);
    assertEquals(0.5, s.neutral(), 1e-15);
  }

  @Test
  void zscoreCentersOnTheMeanInStandardDeviations() {
    double[] values = window();
    WindowNormalization.Statistics s = WindowNormalization.ZSCORE.apply(values, PRESENT, 5);
    double sd = Math.sqrt(5);
    assertArrayEquals(new double[] {-3 / sd, -1 / sd, 0, 1 / sd, 3 / sd, 77}, values, 1e-15);
    assertEquals(5, s.mean(), 0);
    assertEquals(sd, s.stddev(), 0);
    assertEquals(0, s.neutral(), 1e-15);
  }

  @Test
  void equalValuesNormalizeToZero() {
    for (WindowNormalization n :
        new WindowNormalization[] {WindowNormalization.MINMAX, WindowNormalization.ZSCORE}) {
      double[] values = {3, 3, 3};
      n.apply(values, new boolean[] {true, true, false}, 3);
      assertArrayEquals(new double[] {0, 0, 0}, values, 0, n.name());
    }
  }

  @Test
  void aWindowWithoutThePartIsAllZero() {
    double[] values = {1, 2, 3};
    WindowNormalization.Statistics s =
        WindowNormalization.NONE.apply(values, new boolean[] {false, false, false}, 2);
    assertArrayEquals(new double[] {0, 0, 3}, values, 0);
    assertEquals(new WindowNormalization.Statistics(0, 0, 0, 0, 0, 0), s);
  }

  @Test
  void parsesTheLowerCaseNamesOnly() {
    assertEquals(WindowNormalization.NONE, WindowNormalization.parse("none"));
    assertEquals(WindowNormalization.MINMAX, WindowNormalization.parse("minmax"));
    assertEquals(WindowNormalization.ZSCORE, WindowNormalization.parse("zscore"));
    assertEquals("zscore", WindowNormalization.ZSCORE.parameterValue());
    assertThrows(IllegalArgumentException.class, () -> WindowNormalization.parse("ZSCORE"));
    assertThrows(IllegalArgumentException.class, () -> WindowNormalization.parse("l2"));
  }
}
