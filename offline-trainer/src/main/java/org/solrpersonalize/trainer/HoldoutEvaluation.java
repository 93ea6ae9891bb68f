package org.solrpersonalize.trainer;

import org.solrpersonalize.trainer.baseline.ItemKnnModel;
import org.solrpersonalize.trainer.baseline.PopularityScorer;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.eval.EvaluationReport;
import org.solrpersonalize.trainer.eval.HoldoutSplit;
import org.solrpersonalize.trainer.eval.RankingEvaluator;
import org.solrpersonalize.trainer.eval.RankingReport;

/** Scores trained factors on the held-out part of a split, beside the baselines. */
final class HoldoutEvaluation {
  private HoldoutEvaluation() {}

  static EvaluationReport evaluate(
      TrainedFactors factors,
      HoldoutSplit.Result split,
      CsrMatrix trainItemUsers,
      HoldoutConfig holdout,
      long seed,
      int threads,
      TrainingListener listener) {
    RankingEvaluator evaluator = new RankingEvaluator(holdout.at(), threads);
    int knnNeighbours = holdout.knnNeighbours();
    listener.onEvaluationStart(knnNeighbours > 0 ? 3 : 2);
    try {
      listener.onEvaluationStep(0, factors.type());
      RankingReport model = evaluator.evaluate(factors.scorer(), split.train(), split.test());
      listener.onEvaluationStep(1, "popularity");
      RankingReport popularity =
          evaluator.evaluate(new PopularityScorer(trainItemUsers), split.train(), split.test());
      RankingReport knn = null;
      if (knnNeighbours > 0) {
        listener.onEvaluationStep(2, "item-knn");
        ItemKnnModel itemKnn =
            ItemKnnModel.fit(trainItemUsers, split.train(), knnNeighbours, threads);
        knn = evaluator.evaluate(itemKnn.scorer(split.train()), split.train(), split.test());
      }
      Double rmse = null;
      Double meanRmse = null;
      if (factors.rmse() != null) {
        rmse = factors.rmse().applyAsDouble(split.test());
        meanRmse = meanRmse(split.train(), split.test());
      }
      return new EvaluationReport(
          factors.type(),
          holdout.split().option(),
          holdout.fraction(),
          seed,
          model,
          popularity,
          knn,
          rmse,
          meanRmse);
    } finally {
      listener.onEvaluationEnd();
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
