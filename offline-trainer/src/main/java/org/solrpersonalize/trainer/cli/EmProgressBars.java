package org.solrpersonalize.trainer.cli;

import java.util.Locale;
import org.solrpersonalize.trainer.gmm.EmProgress;

/**
 * One progress bar per EM run (per restart, and per K when BIC chooses K), named by the K that
 * {@link #onFit} reported. A new bar starts whenever the run number changes or the iteration count
 * starts again.
 */
final class EmProgressBars implements EmProgress, AutoCloseable {
  private final ProgressBars bars;
  private final int maxIterations;
  private ProgressBars.Bar current;
  private int currentRun = -1;
  private int lastIteration;
  private String label = "";

  EmProgressBars(ProgressBars bars, int maxIterations) {
    this.bars = bars;
    this.maxIterations = maxIterations;
  }

  /** Names the bars of the fit that follows, e.g. {@code K=16}. */
  @Override
  public void onFit(int components) {
    label = "K=" + components;
  }

  @Override
  public void onIteration(int run, int iteration, double meanLogLikelihood) {
    if (current == null || run != currentRun || iteration <= lastIteration) {
      close();
      current =
          bars.start(
              String.format(Locale.ROOT, "EM %s run %d", label, run + 1),
              maxIterations,
              " it",
              1);
      currentRun = run;
    }
    lastIteration = iteration;
    current.stepTo(iteration);
    current.message(String.format(Locale.ROOT, "mean log-lik %.6g", meanLogLikelihood));
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
