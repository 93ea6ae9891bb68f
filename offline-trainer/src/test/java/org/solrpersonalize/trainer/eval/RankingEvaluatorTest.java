package org.solrpersonalize.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.baseline.PopularityScorer;
import org.solrpersonalize.trainer.data.CsrMatrix;

class RankingEvaluatorTest {
  // 3 users x 5 items.
  // train: u0 {0}, u1 {1, 2}, u2 {0, 1}    test: u0 {3}, u1 {0, 4}, u2 {} (not evaluated)
  private final CsrMatrix train =
      new CsrMatrix(
          3, 5, new int[] {0, 1, 3, 5}, new int[] {0, 1, 2, 0, 1}, new float[] {1, 1, 1, 1, 1});
  private final CsrMatrix test =
      new CsrMatrix(3, 5, new int[] {0, 1, 3, 3}, new int[] {3, 0, 4}, new float[] {1, 1, 1});

  /** Every user gets the scores 5 - item: item 0 best, item 4 worst. */
  private final ItemScorer byIndex =
      (user, out) -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = 5 - i;
        }
      };

  @Test
  void metricsAveragedOverUsersWithTestItems() {
    RankingReport report = new RankingEvaluator(2, 1).evaluate(byIndex, train, test);
    // u0: unseen {1,2,3,4} -> top 2 = [1, 2], T = {3}: no hit.
    // u1: unseen {0,3,4}   -> top 2 = [0, 3], T = {0, 4}: hit at rank 1.
    //     precision 1/2, recall 1/2, NDCG 1/(1 + 1/log2 3), AP (1/1)/2, hit 1
    assertEquals(2, report.users());
    assertEquals((0 + 0.5) / 2, report.precision(), 1e-15);
    assertEquals((0 + 0.5) / 2, report.recall(), 1e-15);
    assertEquals((0 + 1 / (1 + 0.6309297535714575)) / 2, report.ndcg(), 1e-15);
    assertEquals((0 + 0.5) / 2, report.map(), 1e-15);
    assertEquals(0.5, report.hitRate(), 1e-15);
    // recommended: {1, 2} and {0, 3} -> 4 of 5 items
    assertEquals(0.8, report.coverage(), 1e-15);
  }

  @Test
  void popularityRanksByTrainingUserCount() {
    // popularity: item 0: 2 users, item 1: 2, item 2: 1, items 3 and 4: 0
    RankingReport report =
        new RankingEvaluator(1, 2).evaluate(new PopularityScorer(train.transpose()), train, test);
    // u0: unseen {1,2,3,4} -> [1]: miss.  u1: unseen {0,3,4} -> [0]: hit.
    assertEquals(0.5, report.precision(), 1e-15);
    assertEquals(0.25, report.recall(), 1e-15);
    assertEquals(0.5, report.hitRate(), 1e-15);
    assertEquals(0.4, report.coverage(), 1e-15);
  }

  /**
   * Four users with 2, 6, 21 and 25 training items of 30 and one test item each; every user ranks
   * the higher item index first, at cutoff 1. u0 (train {0, 1}, test 29) and u2 (train 0..20, test
   * 29) hit; u1 (train 1..6, test 0) and u3 (train 1..25, test 0) miss.
   */
  @Test
  void metricsByTrainingEventsPerUser() {
    int[][] trainItems = {range(0, 2), range(1, 7), range(0, 21), range(1, 26)};
    int[] testItems = {29, 0, 29, 0};
    CsrMatrix byUserTrain = rows(30, trainItems);
    CsrMatrix byUserTest =
        rows(30, new int[][] {{testItems[0]}, {testItems[1]}, {testItems[2]}, {testItems[3]}});
    ItemScorer higherFirst =
        (user, out) -> {
          for (int i = 0; i < out.length; i++) {
            out[i] = i;
          }
        };
    RankingReport report =
        new RankingEvaluator(1, 2).evaluate(higherFirst, byUserTrain, byUserTest);

    assertEquals(0.5, report.ndcg());
    assertEquals(
        List.of(
            new ActivityBucket("1-5", 1, 1, 1, 1, 1, 1),
            new ActivityBucket("6-20", 1, 0, 0, 0, 0, 0),
            new ActivityBucket("21+", 2, 0.5, 0.5, 0.5, 0.5, 0.5)),
        report.byActivity());
  }

  /** On a seeded random split of users with 1 to 40 training items, buckets add up to the total. */
  @Test
  void bucketUserCountsSumToTheTotalAndTheirWeightedMeansAreTheTotals() {
    SplittableRandom random = new SplittableRandom(7);
    int users = 300;
    int items = 60;
    int[][] trainItems = new int[users][];
    int[][] testItems = new int[users][];
    for (int u = 0; u < users; u++) {
      int[] shuffled = random.ints(0, items).distinct().limit(1 + random.nextInt(44)).toArray();
      int held = Math.max(1, shuffled.length / 5);
      if (shuffled.length < 2) {
        trainItems[u] = shuffled;
        testItems[u] = new int[0];
      } else {
        trainItems[u] = java.util.Arrays.copyOfRange(shuffled, held, shuffled.length);
        testItems[u] = java.util.Arrays.copyOfRange(shuffled, 0, held);
      }
    }
    float[] itemScores = new float[items];
    for (int i = 0; i < items; i++) {
      itemScores[i] = (float) random.nextDouble();
    }
    ItemScorer fixed = (user, out) -> System.arraycopy(itemScores, 0, out, 0, items);
    RankingReport report =
        new RankingEvaluator(10, 2)
            .evaluate(fixed, rows(items, trainItems), rows(items, testItems));

    int counted = 0;
    double[] weighted = new double[5];
    for (ActivityBucket bucket : report.byActivity()) {
      assertTrue(bucket.users() > 0, bucket.events());
      counted += bucket.users();
      weighted[0] += bucket.users() * bucket.precision();
      weighted[1] += bucket.users() * bucket.recall();
      weighted[2] += bucket.users() * bucket.ndcg();
      weighted[3] += bucket.users() * bucket.map();
      weighted[4] += bucket.users() * bucket.hitRate();
    }
    assertEquals(report.users(), counted);
    double n = report.users();
    assertEquals(report.precision(), weighted[0] / n, 1e-15);
    assertEquals(report.recall(), weighted[1] / n, 1e-15);
    assertEquals(report.ndcg(), weighted[2] / n, 1e-15);
    assertEquals(report.map(), weighted[3] / n, 1e-15);
    assertEquals(report.hitRate(), weighted[4] / n, 1e-15);
  }

  private static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }

  /** A users x items 0/1 matrix with the given items per row. */
  private static CsrMatrix rows(int items, int[][] itemsOfRow) {
    int[] rowPtr = new int[itemsOfRow.length + 1];
    int nnz = 0;
    for (int r = 0; r < itemsOfRow.length; r++) {
      nnz += itemsOfRow[r].length;
      rowPtr[r + 1] = nnz;
    }
    int[] cols = new int[nnz];
    for (int r = 0; r < itemsOfRow.length; r++) {
      int[] sorted = itemsOfRow[r].clone();
      java.util.Arrays.sort(sorted);
      System.arraycopy(sorted, 0, cols, rowPtr[r], sorted.length);
    }
    float[] vals = new float[nnz];
    java.util.Arrays.fill(vals, 1f);
    return new CsrMatrix(itemsOfRow.length, items, rowPtr, cols, vals);
  }
}
