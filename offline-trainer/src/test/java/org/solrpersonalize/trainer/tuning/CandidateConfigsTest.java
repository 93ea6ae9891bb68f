package org.solrpersonalize.trainer.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;

class CandidateConfigsTest {
  /** One user with weights 1 and 3: mean 2. */
  private static final CsrMatrix TRAIN =
      new CsrMatrix(1, 2, new int[] {0, 2}, new int[] {0, 1}, new float[] {1, 3});

  private static CandidateConfigs candidates(boolean alpha) {
    TuningConfig tuning =
        new TuningConfig(true, true, alpha, false, 8, TuningMetric.NDCG, 10, 0.2, 100, true);
    TrainingConfig config =
        TrainingConfig.builder().clustering(ClusteringConfig.NONE).alpha(2).tuning(tuning).build();
    return new CandidateConfigs(config, AlsTuning.axes(tuning, config.weighting()), TRAIN);
  }

  @Test
  void aSearchedSchemesAlphaIsScaledByTheRatioOfMeanWeights() {
    CandidateConfigs candidates = candidates(true);
    // Grid centre: lambda 32, alpha 1.8. log weighs 1 and 3 as log 2 and log 4, mean 1.0397:
    // alpha 1.8 * 2 / 1.0397 = 3.46, two significant digits 3.5.
    assertEquals(
        Map.of("confidence", "linear", "regularization", 32.0, "alpha", 1.8),
        candidates.values(List.of(1, 6, 5)));
    TrainingConfig log = candidates.at(List.of(0, 6, 5));
    assertEquals(ConfidenceScheme.LOG, log.weighting().scheme());
    assertEquals(3.5, log.alpha());
    assertEquals(
        "tune confidence=log regularization=32.0 alpha=3.5", candidates.label(List.of(0, 6, 5)));
  }

  @Test
  void aGivenAlphaIsKeptForEveryScheme() {
    CandidateConfigs candidates = candidates(false);
    assertEquals(2.0, candidates.at(List.of(0, 6)).alpha());
    assertEquals(2.0, candidates.at(List.of(2, 6)).alpha());
  }
}
