package org.solrpersonalize.trainer.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperparameterSearchTest {
  private static final int FULL = 15;

  /** A concave surface with its peak at (9, 2); early scores are the full ones scaled down. */
  private static double surface(List<Integer> p, int iterations) {
    double full = 1.0 - 0.01 * (square(p.get(0) - 9) + square(p.get(1) - 2));
    return iterations < FULL ? 0.8 * full : full;
  }

  private static double square(double x) {
    return x * x;
  }

  /** Counts every iteration the search asks for and every trial it leaves open. */
  private static final class CountingRunner implements HyperparameterSearch.TrialRunner {
    long iterations;
    int open;
    final List<List<Integer>> opened = new ArrayList<>();

    @Override
    public HyperparameterSearch.Trial open(List<Integer> point) {
      opened.add(point);
      open++;
      return new HyperparameterSearch.Trial() {
        int done;

        @Override
        public double scoreAfter(int target) {
          assertTrue(target > done, "a trial only moves forward");
          iterations += target - done;
          done = target;
          return surface(point, done);
        }

        @Override
        public void close() {
          open--;
        }
      };
    }
  }

  @Test
  void findsThePlantedBestPointWithinTheBudget() {
    CountingRunner runner = new CountingRunner();
    HyperparameterSearch.Result result =
        new HyperparameterSearch(new int[] {13, 11}, FULL, 7 * FULL, runner).run();
    assertEquals(List.of(9, 2), result.best());
    assertEquals(1.0, result.bestScore());
    assertEquals(5, result.rungIterations());
    assertEquals(runner.iterations, result.iterationsSpent());
    assertTrue(result.iterationsSpent() <= 7 * FULL, "spent " + result.iterationsSpent());
    assertEquals(List.of(6, 5), result.points().get(0).point(), "starts at the centre");
    assertEquals(runner.opened.size(), result.points().size());
    // Two finalists ran all iterations; every other point stopped at the rung.
    assertEquals(2, result.points().stream().filter(p -> !p.stoppedEarly()).count());
    assertEquals(
        result.points().size() * 5L + 2 * 10L, result.iterationsSpent(), "5 per point + 10 each");
    assertEquals(0, runner.open, "every trial closed");
  }

  @Test
  void spendsTheBudgetExactlyWhenItRunsOut() {
    CountingRunner runner = new CountingRunner();
    // 30 iterations: two points at the rung (10), then both continued (20).
    HyperparameterSearch.Result result =
        new HyperparameterSearch(new int[] {13, 11}, FULL, 30, runner).run();
    assertEquals(2, result.points().size());
    assertEquals(30, result.iterationsSpent());
    assertEquals(30, runner.iterations);
    assertEquals(List.of(List.of(6, 5), List.of(3, 5)), runner.opened);
    assertEquals(List.of(6, 5), result.best());
    assertEquals(0, runner.open);
  }

  @Test
  void aBudgetOfOneFitTrainsTheCentreOnly() {
    CountingRunner runner = new CountingRunner();
    HyperparameterSearch.Result result =
        new HyperparameterSearch(new int[] {13, 11}, FULL, FULL, runner).run();
    assertEquals(List.of(6, 5), result.best());
    assertEquals(1.0 - 0.01 * (9 + 9), result.bestScore(), 1e-12);
    assertEquals(FULL, result.iterationsSpent());
  }

  @Test
  void logSpacedValuesReadWell() {
    assertEquals(
        List.of(1.0, 1.8, 3.2, 5.6, 10.0, 18.0, 32.0, 56.0, 100.0, 180.0, 320.0, 560.0, 1000.0),
        AlsTuning.REGULARIZATION);
    assertEquals(
        List.of(0.1, 0.18, 0.32, 0.56, 1.0, 1.8, 3.2, 5.6, 10.0, 18.0, 32.0), AlsTuning.ALPHA);
  }
}
