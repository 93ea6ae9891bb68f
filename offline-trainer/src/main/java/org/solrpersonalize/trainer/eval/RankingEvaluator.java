package org.solrpersonalize.trainer.eval;

import java.util.ArrayList;
import java.util.List;
import org.solrpersonalize.trainer.concurrent.RowBlocks;
import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * Ranks, for every user with test items, all items the user did not see in training, takes the top
 * K and scores it against the test items, in total and by the user's number of training events
 * ({@link ActivityBucket}). One user at a time per thread (a score array of one row and a K-heap),
 * over fixed blocks of users; per-user figures are averaged in user order, so the report does not
 * depend on the thread count.
 *
 * <pre>{@code
 * RankingReport report = new RankingEvaluator(10, 2).evaluate(scorer, split.train(), split.test());
 * }</pre>
 */
public final class RankingEvaluator {
  private static final int BLOCK = 64;

  private final int at;
  private final int threads;

  public RankingEvaluator(int at, int threads) {
    if (at < 1) {
      throw new IllegalArgumentException("the cutoff must be >= 1, got " + at);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.at = at;
    this.threads = threads;
  }

  private final class Scratch {
    final float[] scores;
    final TopK top = new TopK(at);

    Scratch(int items) {
      scores = new float[items];
    }
  }

  public RankingReport evaluate(ItemScorer scorer, CsrMatrix train, CsrMatrix test) {
    if (train.rows() != test.rows() || train.columns() != test.columns()) {
      throw new IllegalArgumentException("train and test must have the same shape");
    }
    int users = test.rows();
    int items = test.columns();
    double[] perUser = new double[users * RankingMetrics.COUNT];
    int[] ranked = new int[Math.multiplyExact(users, at)];
    int[] rankedCount = new int[users];
    try (RowBlocks blocks = new RowBlocks(threads)) {
      blocks.run(
          users,
          BLOCK,
          () -> new Scratch(items),
          (from, to, s) -> {
            int[] out = new int[at];
            for (int u = from; u < to; u++) {
              if (test.rowLength(u) == 0) {
                continue;
              }
              scorer.score(u, s.scores);
              int count =
                  s.top.select(s.scores, train.cols(), train.rowStart(u), train.rowEnd(u), out);
              System.arraycopy(out, 0, ranked, u * at, count);
              rankedCount[u] = count;
              RankingMetrics.compute(
                  out,
                  count,
                  at,
                  test.cols(),
                  test.rowStart(u),
                  test.rowEnd(u),
                  perUser,
                  u * RankingMetrics.COUNT);
            }
            return 0;
          });
    }
    double[] sums = new double[RankingMetrics.COUNT];
    int buckets = ActivityBucket.EVENTS.length;
    double[] bucketSums = new double[buckets * RankingMetrics.COUNT];
    int[] bucketUsers = new int[buckets];
    int evaluated = 0;
    boolean[] recommended = new boolean[items];
    for (int u = 0; u < users; u++) {
      if (test.rowLength(u) == 0) {
        continue;
      }
      evaluated++;
      int bucket = ActivityBucket.indexOf(train.rowLength(u));
      bucketUsers[bucket]++;
      for (int m = 0; m < RankingMetrics.COUNT; m++) {
        sums[m] += perUser[u * RankingMetrics.COUNT + m];
        bucketSums[bucket * RankingMetrics.COUNT + m] += perUser[u * RankingMetrics.COUNT + m];
      }
      for (int r = 0; r < rankedCount[u]; r++) {
        recommended[ranked[u * at + r]] = true;
      }
    }
    int covered = 0;
    for (boolean b : recommended) {
      if (b) {
        covered++;
      }
    }
    List<ActivityBucket> byActivity = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      double inBucket = Math.max(1, bucketUsers[b]);
      int offset = b * RankingMetrics.COUNT;
      byActivity.add(
          new ActivityBucket(
              ActivityBucket.EVENTS[b],
              bucketUsers[b],
              bucketSums[offset + RankingMetrics.PRECISION] / inBucket,
              bucketSums[offset + RankingMetrics.RECALL] / inBucket,
              bucketSums[offset + RankingMetrics.NDCG] / inBucket,
              bucketSums[offset + RankingMetrics.AP] / inBucket,
              bucketSums[offset + RankingMetrics.HIT] / inBucket));
    }
    double n = Math.max(1, evaluated);
    return new RankingReport(
        at,
        evaluated,
        sums[RankingMetrics.PRECISION] / n,
        sums[RankingMetrics.RECALL] / n,
        sums[RankingMetrics.NDCG] / n,
        sums[RankingMetrics.AP] / n,
        sums[RankingMetrics.HIT] / n,
        items == 0 ? 0 : (double) covered / items,
        byActivity);
  }
}
