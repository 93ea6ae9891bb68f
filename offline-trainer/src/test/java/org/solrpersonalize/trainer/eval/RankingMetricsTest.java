package org.solrpersonalize.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static double[] metrics(int[] ranked, int count, int k, int... relevant) {
    double[] out = new double[RankingMetrics.COUNT];
    RankingMetrics.compute(ranked, count, k, relevant, 0, relevant.length, out, 0);
    return out;
  }

  @Test
  void oneHitAtRankTwoOfTwoRelevant() {
    double inverseLog2Of3 = 1 / (Math.log(3) / Math.log(2)); // 0.6309297535714575
    double[] m = metrics(new int[] {0, 1, 2}, 3, 3, 1, 3);
    // precision 1/3, recall 1/2, NDCG 0.63093/(1+0.63093), AP (1/2)/min(3,2), hit 1
    assertArrayEquals(
        new double[] {1 / 3.0, 0.5, inverseLog2Of3 / (1 + inverseLog2Of3), 0.25, 1}, m, 1e-15);
    assertArrayEquals(new double[] {1 / 3.0, 0.5, 0.38685280723454163, 0.25, 1}, m, 1e-15);
  }

  @Test
  void perfectTopTwoOfThreeRelevant() {
    // IDCG and AP normalise by min(K, |T|) = 2, so a full top 2 scores 1 although recall is 2/3.
    assertArrayEquals(
        new double[] {1, 2 / 3.0, 1, 1, 1}, metrics(new int[] {5, 7}, 2, 2, 5, 7, 9), 1e-15);
  }

  @Test
  void hitsAtRanksOneAndThree() {
    // ranked [3, 8, 4], T = {3, 4}: DCG = 1 + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3)
    // AP = (1/1 + 2/3) / 2 = 5/6
    double[] m = metrics(new int[] {3, 8, 4}, 3, 3, 3, 4);
    assertArrayEquals(
        new double[] {2 / 3.0, 1, 1.5 / (1 + 0.6309297535714575), 5 / 6.0, 1}, m, 1e-15);
  }

  @Test
  void noHitScoresZero() {
    assertArrayEquals(new double[] {0, 0, 0, 0, 0}, metrics(new int[] {1, 2}, 2, 2, 7), 0);
  }

  @Test
  void fewerRankedItemsThanKStillDivideByK() {
    assertArrayEquals(new double[] {1 / 3.0, 1, 1, 1, 1}, metrics(new int[] {4}, 1, 3, 4), 1e-15);
  }
}
