package org.solrpersonalize.trainer.cli;

import java.util.Locale;
import org.solrpersonalize.trainer.gmm.EmProgress;

/**
 * One progress bar per EM run (per restart, and per K when BIC chooses K). The callback says
 * only (run, iteration), so a new bar starts whenever the run number changes or the iteration
 * count starts again at 1.
 */
final class EmProgressBars implements EmProgress, AutoCloseable {
  private final ProgressBars bars;
  private final int maxIterations;
  private ProgressBars.Bar current;
  private int currentRun = -1;
  private int lastIteration;
  private String label = "";
  private int[] sequence;
  private int fit = -1;

  EmProgressBars(ProgressBars bars, int maxIterations) {
    this.bars = bars;
    this.maxIterations = maxIterations;
  }

  /** Names the fits that follow, e.g. {@code K=16}. */
  void label(String text) {
    label = text;
  }

  /** BIC fits one K after the other, in this order: each new fit's bars are named by its K. */
  void labelEachFit(int[] candidateKs) {
    sequence = candidateKs.clone();
  }

  @Override
  public void onIteration(int run, int iteration, double meanLogLikelihood) {
    if (current == null || run != currentRun || iteration <= lastIteration) {
      close();
      if (sequence != null && run == 0 && fit + 1 < sequence.length) {
        label = "K=" + sequence[++fit];
      }
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
