package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SufficientStatisticsTest {
  /** Rows (0,0), (2,0), (0,2) go to component 0; (5,5) is nobody's; component 1 gets nothing. */
  private static final float[] DATA = {0, 0, 2, 0, 0, 2, 5, 5};

  private static MixtureDensity maximize(CovarianceType type, double[] misfit) {
    double[][] shifts = {{1, -1}, {9, 9}};
    SufficientStatistics stats = new SufficientStatistics(type, shifts);
    BlockScratch scratch = new BlockScratch(2, 2);
    scratch.block.load(DATA, 0, 4);
    double[] gamma = new double[2 * TransposedRows.WIDTH];
    gamma[0] = 1;
    gamma[1] = 1;
    gamma[2] = 1;
    stats.accumulate(scratch, gamma);
    return stats.maximize(0.25, DATA, misfit);
  }

  @Test
  void meanAndCovarianceOfTheAssignedRowsWhateverTheShift() {
    MixtureDensity m = maximize(CovarianceType.FULL, new double[] {0, 1, 2, 3});
    // Mean (2/3, 2/3); E[x x^T] = [[4/3, 0], [0, 4/3]]; covariance [[8/9, -4/9], [-4/9, 8/9]].
    assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3}, m.components.means[0], 1e-15);
    assertArrayEquals(
        new double[] {8.0 / 9 + 0.25, -4.0 / 9, -4.0 / 9, 8.0 / 9 + 0.25},
        m.components.covariances[0],
        1e-15);
  }

  @Test
  void anEmptyComponentIsReseededOnTheWorstFittedRow() {
    MixtureDensity m = maximize(CovarianceType.FULL, new double[] {0, 1, 2, 3});
    assertArrayEquals(new double[] {5, 5}, m.components.means[1], 0.0);
    // The pooled covariance of the others (only component 0 here), with its regularisation.
    assertArrayEquals(m.components.covariances[0], m.components.covariances[1], 0.0);
    // Masses 3 and 1.
    assertArrayEquals(new double[] {0.75, 0.25}, m.weights, 0.0);
    // Ties go to the lower row.
    MixtureDensity tie = maximize(CovarianceType.DIAG, new double[] {0, 7, 7, 1});
    assertArrayEquals(new double[] {2, 0}, tie.components.means[1], 0.0);
    assertArrayEquals(
        new double[] {8.0 / 9 + 0.25, 8.0 / 9 + 0.25}, tie.components.covariances[1], 1e-15);
    assertEquals(2, tie.components.covariances[0].length);
  }

  @Test
  void tiledSumsEqualTheTextbookWeightedCovariance() {
    // d = 6 and 7 rows: one 4 x 4 tile plus single rows and columns.
    int d = 6;
    int n = 7;
    PlantedMixture m = PlantedMixture.random(n, d, 1, 1.0, 13L);
    double[] weights = {0.9, 0.1, 0.4, 0.0, 1.0, 0.7, 0.25};
    double[] shift = {0.5, -0.5, 0, 1, 2, -1};
    SufficientStatistics stats =
        new SufficientStatistics(CovarianceType.FULL, new double[][] {shift});
    BlockScratch scratch = new BlockScratch(1, d);
    scratch.block.load(m.data, 0, n);
    stats.accumulate(scratch, Arrays.copyOf(weights, TransposedRows.WIDTH));
    double[] data = new double[n * d];
    for (int i = 0; i < data.length; i++) {
      data[i] = m.data[i];
    }
    MixtureDensity fitted = stats.maximize(0.0, m.data, new double[n]);
    double mass = Arrays.stream(weights).sum();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        mean[a] += weights[i] * data[i * d + a] / mass;
      }
    }
    double[] cov = new double[d * d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          cov[a * d + b] +=
              weights[i] * (data[i * d + a] - mean[a]) * (data[i * d + b] - mean[b]) / mass;
        }
      }
    }
    assertArrayEquals(mean, fitted.components.means[0], 1e-12);
    assertArrayEquals(cov, fitted.components.covariances[0], 1e-12);
  }
}
