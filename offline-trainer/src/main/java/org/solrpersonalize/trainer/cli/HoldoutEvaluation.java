package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.baseline.ItemKnnModel;
import org.solrpersonalize.trainer.baseline.PopularityScorer;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.eval.EvaluationReport;
import org.solrpersonalize.trainer.eval.HoldoutSplit;
import org.solrpersonalize.trainer.eval.RankingEvaluator;
import org.solrpersonalize.trainer.eval.RankingReport;
import org.solrpersonalize.trainer.eval.SplitMode;

/** Scores trained factors on the held-out part of a split, beside the baselines. */
final class HoldoutEvaluation {
  private HoldoutEvaluation() {}

  /**
   * @param knnNeighbours neighbours of the item-kNN baseline, 0 for none
   */
  static EvaluationReport evaluate(
      TrainedFactors factors,
      HoldoutSplit.Result split,
      CsrMatrix trainItemUsers,
      SplitMode mode,
      double holdout,
      long seed,
      int k,
      int knnNeighbours,
      int threads,
      ProgressBars bars) {
    RankingEvaluator evaluator = new RankingEvaluator(k, threads);
    int steps = knnNeighbours > 0 ? 3 : 2;
    try (ProgressBars.Bar bar = bars.start("evaluate", steps, "", 1)) {
      bar.message(factors.type());
      RankingReport model = evaluator.evaluate(factors.scorer(), split.train(), split.test());
      bar.stepTo(1);
      bar.message("popularity");
      RankingReport popularity =
          evaluator.evaluate(new PopularityScorer(trainItemUsers), split.train(), split.test());
      bar.stepTo(2);
      RankingReport knn = null;
      if (knnNeighbours > 0) {
        bar.message("item-knn");
        ItemKnnModel itemKnn =
            ItemKnnModel.fit(trainItemUsers, split.train(), knnNeighbours, threads);
        knn = evaluator.evaluate(itemKnn.scorer(split.train()), split.train(), split.test());
        bar.stepTo(3);
      }
      Double rmse = null;
      Double meanRmse = null;
      if (factors.rmse() != null) {
        rmse = factors.rmse().applyAsDouble(split.test());
        meanRmse = meanRmse(split.train(), split.test());
      }
      return new EvaluationReport(
          factors.type(), mode.toString(), holdout, seed, model, popularity, knn, rmse, meanRmse);
    }
  }

  private static double meanRmse(CsrMatrix train, CsrMatrix test) {
    double mean = 0;
    for (float v : train.vals()) {
      mean += v;
    }
    mean /= Math.max(1, train.nnz());
    double sum = 0;
    for (float v : test.vals()) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / Math.max(1, test.nnz()));
  }
}
