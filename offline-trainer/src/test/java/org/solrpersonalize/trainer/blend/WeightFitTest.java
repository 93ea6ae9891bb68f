package org.solrpersonalize.trainer.blend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.trainer.clicks.Impression;
import org.solrpersonalize.trainer.clicks.SimulatedClickLogs;

class WeightFitTest {
  private static final BlendWeights PLANTED = new BlendWeights(0.5, 2.0, 1.0);

  @Test
  void recoversPlantedWeightsFromSimulatedClicks() {
    List<Impression> log =
        SimulatedClickLogs.plantedWeights(5000, PLANTED, BlendWeights.PLUGIN_DEFAULTS, 11);
    BlendWeights fitted = ChoiceModelFit.fit(log, 1.0);
    // 5,000 clicks among ten documents: the standard error of each weight is about 0.02.
    assertEquals(0.5, fitted.textWeight(), 0.06);
    assertEquals(2.0, fitted.dotWeight(), 0.06);
    assertEquals(1.0, fitted.clusterWeight(), 0.06);
    assertEquals(0.480813, fitted.textWeight(), 1e-6);
    assertEquals(2.006163, fitted.dotWeight(), 1e-6);
    assertEquals(0.978168, fitted.clusterWeight(), 1e-6);
  }

  @Test
  void heldOutAucOfLearnedWeightsBeatsTheLoggedOnes() {
    List<Impression> log =
        SimulatedClickLogs.plantedWeights(5000, PLANTED, BlendWeights.PLUGIN_DEFAULTS, 11);
    WeightFit fit = WeightFit.run(log, new WeightFitConfig(0.2, 42, 1.0, null));
    assertEquals(4000, fit.trainImpressions());
    assertEquals(1000, fit.heldOutImpressions());
    assertEquals("log", fit.currentSource());
    // The log's scores give back the weights it was ranked with.
    assertEquals(1.0, fit.current().textWeight(), 1e-9);
    assertEquals(1.0, fit.current().dotWeight(), 1e-9);
    assertEquals(0.5, fit.current().clusterWeight(), 1e-9);
    // Scaled to the current weights' sum of absolute values, 2.5.
    double sum =
        Math.abs(fit.learned().textWeight())
            + Math.abs(fit.learned().dotWeight())
            + Math.abs(fit.learned().clusterWeight());
    assertEquals(2.5, sum, 1e-9);
    assertEquals(9000, fit.learnedAuc().pairs());
    assertTrue(fit.learnedAuc().auc() > fit.currentAuc().auc());
    assertEquals(8006.0 / 9000, fit.learnedAuc().auc(), 1e-12);
    assertEquals(7670.0 / 9000, fit.currentAuc().auc(), 1e-12);
  }

  @Test
  void sameSeedSameResult() {
    List<Impression> log =
        SimulatedClickLogs.plantedWeights(500, PLANTED, BlendWeights.PLUGIN_DEFAULTS, 3);
    WeightFitConfig config = new WeightFitConfig(0.2, 5, 1.0, null);
    assertEquals(WeightFit.run(log, config), WeightFit.run(log, config));
  }

  @Test
  void parsesCurrentWeightsAndNamesBadOnes() {
    assertEquals(
        new BlendWeights(1.5, 1, 0.25), BlendWeights.parse("textWeight=1.5, clusterWeight=0.25"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BlendWeights.parse("dotWeight=x"));
    assertEquals("dotWeight must be a number, got 'x'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BlendWeights.parse("text=1"));
    assertEquals("expected textWeight=X,dotWeight=Y,clusterWeight=Z, got 'text=1'", e.getMessage());
  }

  @Test
  void requestParametersUseFourSignificantDigits() {
    assertEquals(
        "textWeight=0.5000 dotWeight=2.000 clusterWeight=1.000", PLANTED.asRequestParameters());
  }
}
