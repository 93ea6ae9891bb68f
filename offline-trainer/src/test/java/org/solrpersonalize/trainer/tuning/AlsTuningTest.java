package org.solrpersonalize.trainer.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.TrainedModel;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.GeneratedInteractions;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;

class AlsTuningTest {
  /** 40 users, each using 6 of 12 items. */
  private static Interactions data() {
    return GeneratedInteractions.of(40, 12, "i", 6, (u, j) -> (u + j) % 12, (u, j) -> 1, "test");
  }

  /** The same fit on one thread and on two. */
  private record Fits(TrainedModel one, TrainedModel two) {}

  /** {@link #threeIterations} of {@link #data} tuned as {@code tuning} says, on 1 and 2 threads. */
  private static Fits onOneAndTwoThreads(TuningConfig tuning) {
    TrainingConfig.Builder builder = threeIterations(tuning);
    return new Fits(
        Trainer.fit(data(), builder.threads(1).build()),
        Trainer.fit(data(), builder.threads(2).build()));
  }

  /** 4 factors, 3 iterations, no mixture, tuned as {@code tuning} says. */
  private static TrainingConfig.Builder threeIterations(TuningConfig tuning) {
    return TrainingConfig.builder()
        .factors(4)
        .iterations(3)
        .clustering(ClusteringConfig.NONE)
        .tuning(tuning);
  }

  @Test
  void autoKeepsTheDefaultsOnALogTooLargeToTuneAndSaysWhy() {
    TrainedModel model =
        Trainer.fit(
            data(),
            untunable(
                new TuningConfig(
                    false, true, true, false, 8, TuningMetric.NDCG, 10, 0.2, 100, false)));
    assertEquals(
        "skipped: 240 training interactions are more than the 100 that auto tunes within 8 fits;"
            + " used regularization 100.0, alpha 5.0 (pass --tune to tune anyway)",
        model.tuning().outcome());
    assertEquals(
        "skipped: 240 training interactions are more than the 100 that auto tunes within 8 fits;"
            + " used regularization 100.0, alpha 5.0 (pass --tune to tune anyway)",
        model.manifest().hyperparameters().get("tuning"));
    assertEquals(100.0, model.manifest().foldIn().regularization());
  }

  @Test
  void tuneTunesWhateverTheSizeAndTheResultDoesNotDependOnThreads() {
    Fits fits =
        onOneAndTwoThreads(
            new TuningConfig(true, true, true, false, 4, TuningMetric.NDCG, 5, 0.2, 100, false));
    assertEquals("tuned", fits.one().tuning().outcome());
    assertEquals(fits.one().tuning().points(), fits.two().tuning().points());
    assertEquals(fits.one().manifest().foldIn(), fits.two().manifest().foldIn());
    assertEquals(4, fits.one().tuning().budget());
    // 3 iterations a fit: rung 1, two finalists continued by 2 each, 9 search iterations = 3 fits.
    assertEquals(4.0, fits.one().tuning().fitsSpent());
  }

  @Test
  void validationScoresASeededSampleOfUsersOnLargeLogs() {
    CsrMatrix test = data().userItems();
    CsrMatrix sample = AlsTuning.sampleUsers(test, 7, 42);
    int users = 0;
    for (int u = 0; u < sample.rows(); u++) {
      if (sample.rowLength(u) > 0) {
        users++;
        assertEquals(test.rowLength(u), sample.rowLength(u));
      }
    }
    assertEquals(7, users);
    assertEquals(40, sample.rows());
    assertEquals(7 * 6, sample.nnz());
    assertSame(test, AlsTuning.sampleUsers(test, 40, 42), "small enough: kept as is");
    CsrMatrix again = AlsTuning.sampleUsers(test, 7, 42);
    assertArrayEquals(sample.cols(), again.cols(), "seeded");
  }

  @Test
  void confidenceAutoSearchesTheSchemeFromLinearAndRecordsTheChoice() {
    Fits fits =
        onOneAndTwoThreads(
            new TuningConfig(true, true, true, false, 8, TuningMetric.NDCG, 5, 0.2, 100, true));
    TuningReport report = fits.one().tuning();
    assertEquals(List.of("confidence", "regularization", "alpha"), report.axes());
    // The search starts at the grid's centre: linear, lambda 32, alpha 1.8.
    assertEquals(List.of("linear", 32.0, 1.8), report.points().get(0).values());
    assertEquals(report.points(), fits.two().tuning().points());
    Object chosen = report.chosen().get("confidence");
    assertEquals(chosen, fits.one().manifest().hyperparameters().get("confidence"));
    assertEquals(
        List.of("log", "linear", "bm25"),
        AlsTuning.WEIGHTING.stream().map(ConfidenceScheme::option).toList());
    assertEquals(8, report.budget());
    assertEquals(true, report.fitsSpent() <= 8.0, "fits " + report.fitsSpent());
  }

  @Test
  void aSkippedTuningNamesTheConfidenceItUsedWhenTheSchemeWasToBeSearched() {
    TrainingConfig config =
        untunable(
            new TuningConfig(false, true, true, false, 8, TuningMetric.NDCG, 10, 0.2, 100, true));
    assertEquals(
        "skipped: 240 training interactions are more than the 100 that auto tunes within 8 fits;"
            + " used regularization 100.0, alpha 5.0, confidence linear (pass --tune to tune"
            + " anyway)",
        Trainer.fit(data(), config).tuning().outcome());
    assertEquals(true, TuningConfig.auto(true, false).weighting(), "auto searches the scheme");
  }

  /** 4 factors, 2 iterations, one thread, no mixture: for tunings the log is too large for. */
  private static TrainingConfig untunable(TuningConfig tuning) {
    return TrainingConfig.builder()
        .factors(4)
        .iterations(2)
        .threads(1)
        .clustering(ClusteringConfig.NONE)
        .tuning(tuning)
        .build();
  }
}
