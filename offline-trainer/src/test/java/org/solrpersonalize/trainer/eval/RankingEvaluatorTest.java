package org.solrpersonalize.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
