package org.solrpersonalize.trainer.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches a grid of candidate points (one index per axis, each axis ordered, e.g. log-spaced
 * values) for the highest validation score within a budget of iterations, as a pattern search
 * stopped early by successive halving:
 *
 * <ol>
 *   <li>Every point tried is first trained for a third of the iterations (the rung) and scored.
 *   <li>The search starts at the grid's centre with a step of a quarter of each axis; it scores the
 *       neighbours one step away along every axis, moves to the best one when it beats the current
 *       point, and halves the step when none does. At step 1 without an improvement it tries the
 *       diagonal neighbours (one step along two axes), and ends when none improves either, or when
 *       the budget left is what the next stage needs.
 *   <li>Only the two points with the best rung scores continue to all iterations (a run resumes
 *       where it stopped); the better of them at full length is chosen. Every other point has
 *       stopped early, at a third of the cost of a fit.
 * </ol>
 *
 * The cost is counted in iterations (a fit is {@code fullIterations} of them) and never exceeds
 * {@code budgetIterations}. The search is deterministic: neighbours are tried in axis order, minus
 * before plus, and ties keep the earlier point.
 */
public final class HyperparameterSearch {
  /** Points continued to full length. */
  static final int FINALISTS = 2;

  /** One candidate point being trained: it can be advanced and scored, then released. */
  public interface Trial extends AutoCloseable {
    /** Trains until {@code iterations} are done in all and returns the validation score. */
    double scoreAfter(int iterations);

    @Override
    void close();
  }

  /** Starts trials. */
  @FunctionalInterface
  public interface TrialRunner {
    /** A trial of the point whose index along axis {@code a} is {@code point.get(a)}. */
    Trial open(List<Integer> point);
  }

  /**
   * One point tried.
   *
   * @param point index per axis
   * @param rungScore score after {@code rungIterations}
   * @param fullScore score after all iterations; NaN when the point stopped early
   */
  public record Point(List<Integer> point, double rungScore, double fullScore) {
    /** Whether it stopped at the rung. */
    public boolean stoppedEarly() {
      return Double.isNaN(fullScore);
    }
  }

  /**
   * The outcome.
   *
   * @param points every point tried, in the order tried
   * @param best the chosen point
   * @param bestScore its score at full length
   * @param rungIterations iterations of a point stopped early
   * @param iterationsSpent in all; at most the budget
   */
  public record Result(
      List<Point> points,
      List<Integer> best,
      double bestScore,
      int rungIterations,
      long iterationsSpent) {}

  private final int[] sizes;
  private final int fullIterations;
  private final long budgetIterations;
  private final TrialRunner runner;

  /**
   * @param sizes number of candidate values per axis, each >= 1
   * @param fullIterations iterations of a full fit, >= 1
   * @param budgetIterations at least {@code fullIterations}
   */
  public HyperparameterSearch(
      int[] sizes, int fullIterations, long budgetIterations, TrialRunner runner) {
    if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
      throw new IllegalArgumentException("every axis needs a value: " + Arrays.toString(sizes));
    }
    if (fullIterations < 1 || budgetIterations < fullIterations) {
      throw new IllegalArgumentException(
          "the budget of "
              + budgetIterations
              + " iterations does not hold one fit of "
              + fullIterations);
    }
    this.sizes = sizes.clone();
    this.fullIterations = fullIterations;
    this.budgetIterations = budgetIterations;
    this.runner = runner;
  }

  /** Runs the search; every trial it opens is closed when it returns. */
  public Result run() {
    Search search = new Search();
    try {
      return search.run();
    } finally {
      search.open.values().forEach(Trial::close);
    }
  }

  private final class Search {
    final int rung = Math.max(1, fullIterations / 3);
    final int finalists;
    final Map<List<Integer>, Double> rungScores = new LinkedHashMap<>();
    final Map<List<Integer>, Trial> open = new LinkedHashMap<>();
    long spent;

    Search() {
      int continuation = fullIterations - rung;
      finalists =
          continuation == 0
              ? 0
              : (int)
                  Math.max(
                      1,
                      Math.min(FINALISTS, (budgetIterations - rung) / Math.max(1, continuation)));
    }

    Result run() {
      List<Integer> current = new ArrayList<>();
      int[] step = new int[sizes.length];
      for (int a = 0; a < sizes.length; a++) {
        current.add((sizes[a] - 1) / 2);
        step[a] = Math.max(1, sizes[a] / 4);
      }
      scoreAtRung(current);
      boolean budgetLeft = true;
      while (budgetLeft) {
        List<Integer> best = current;
        for (int a = 0; a < sizes.length && budgetLeft; a++) {
          for (int sign = -1; sign <= 1 && budgetLeft; sign += 2) {
            int index = current.get(a) + sign * step[a];
            if (index < 0 || index >= sizes[a]) {
              continue;
            }
            List<Integer> neighbour = new ArrayList<>(current);
            neighbour.set(a, index);
            if (rungScores.containsKey(neighbour)) {
              continue;
            }
            budgetLeft = scoreAtRung(neighbour);
            if (budgetLeft && rungScores.get(neighbour) > rungScores.get(best)) {
              best = neighbour;
            }
          }
        }
        if (!best.equals(current)) {
          current = best;
        } else if (Arrays.stream(step).allMatch(s -> s == 1)) {
          // Hyperparameters that trade off (lambda against alpha) form a diagonal ridge that
          // axis moves cannot climb: try the diagonal neighbours before giving up.
          for (List<Integer> neighbour : diagonalNeighbours(current)) {
            if (!budgetLeft) {
              break;
            }
            if (rungScores.containsKey(neighbour)) {
              continue;
            }
            budgetLeft = scoreAtRung(neighbour);
            if (budgetLeft && rungScores.get(neighbour) > rungScores.get(best)) {
              best = neighbour;
            }
          }
          if (best.equals(current)) {
            break;
          }
          current = best;
        } else {
          for (int a = 0; a < step.length; a++) {
            step[a] = Math.max(1, step[a] / 2);
          }
        }
      }
      return finish();
    }

    /** The points one step away along two axes at once, in axis order, minus before plus. */
    List<List<Integer>> diagonalNeighbours(List<Integer> point) {
      List<List<Integer>> out = new ArrayList<>();
      for (int a = 0; a < sizes.length; a++) {
        for (int b = a + 1; b < sizes.length; b++) {
          for (int sa = -1; sa <= 1; sa += 2) {
            for (int sb = -1; sb <= 1; sb += 2) {
              int ia = point.get(a) + sa;
              int ib = point.get(b) + sb;
              if (ia >= 0 && ia < sizes[a] && ib >= 0 && ib < sizes[b]) {
                List<Integer> neighbour = new ArrayList<>(point);
                neighbour.set(a, ia);
                neighbour.set(b, ib);
                out.add(neighbour);
              }
            }
          }
        }
      }
      return out;
    }

    /** Scores a point at the rung; false (and nothing spent) when the budget cannot afford it. */
    boolean scoreAtRung(List<Integer> point) {
      long reserve = (long) finalists * (fullIterations - rung);
      if (!rungScores.isEmpty() && spent + rung + reserve > budgetIterations) {
        return false;
      }
      List<Integer> key = List.copyOf(point);
      Trial trial = runner.open(key);
      double score = trial.scoreAfter(rung);
      spent += rung;
      rungScores.put(key, score);
      open.put(key, trial);
      // Only the current finalists stay open: a run keeps its factors in memory.
      List<List<Integer>> keep = ranked().subList(0, Math.min(finalists, rungScores.size()));
      open.entrySet()
          .removeIf(
              e -> {
                if (!keep.contains(e.getKey())) {
                  e.getValue().close();
                  return true;
                }
                return false;
              });
      return true;
    }

    /** Points by rung score, best first, ties in the order tried. */
    List<List<Integer>> ranked() {
      List<List<Integer>> order = new ArrayList<>(rungScores.keySet());
      order.sort(Comparator.comparingDouble(p -> -rungScores.get(p)));
      return order;
    }

    Result finish() {
      Map<List<Integer>, Double> fullScores = new LinkedHashMap<>();
      List<Integer> best = null;
      double bestScore = Double.NEGATIVE_INFINITY;
      List<List<Integer>> order = ranked();
      for (int f = 0; f < Math.min(finalists, order.size()); f++) {
        List<Integer> point = order.get(f);
        double score = open.get(point).scoreAfter(fullIterations);
        spent += fullIterations - rung;
        fullScores.put(point, score);
        if (best == null || score > bestScore) {
          best = point;
          bestScore = score;
        }
      }
      if (best == null) { // the rung is the whole fit: every point was trained in full
        fullScores.putAll(rungScores);
        best = order.get(0);
        bestScore = rungScores.get(best);
      }
      List<Point> points = new ArrayList<>();
      rungScores.forEach(
          (point, score) ->
              points.add(new Point(point, score, fullScores.getOrDefault(point, Double.NaN))));
      return new Result(points, best, bestScore, rung, spent);
    }
  }
}
