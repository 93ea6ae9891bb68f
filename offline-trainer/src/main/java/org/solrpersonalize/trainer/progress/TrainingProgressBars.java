package org.solrpersonalize.trainer.progress;

import java.io.PrintStream;
import java.util.Locale;
import org.solrpersonalize.trainer.ModelType;
import org.solrpersonalize.trainer.TrainingListener;

/**
 * Shows a {@link org.solrpersonalize.trainer.Trainer#fit} as progress bars: one over the
 * factorization's iterations with its loss, one per EM run (per restart, and per K when BIC chooses
 * K), one over the evaluation's scorers; the CLI and the demo use it. Bad input lines are reported
 * as they come.
 */
public final class TrainingProgressBars implements TrainingListener {
  private final ProgressBars bars;
  private final PrintStream err;
  private ProgressBars.Bar current;
  private String lossName = "loss";
  private String mixtureLabel = "";
  private int mixtureMaxIterations;
  private int currentRun = -1;
  private int lastIteration;

  /**
   * @param bars where the bars go (or none)
   * @param err where tolerated bad input lines are reported
   */
  public TrainingProgressBars(ProgressBars bars, PrintStream err) {
    this.bars = bars;
    this.err = err;
  }

  @Override
  public void onLoadStart(long totalBytes) {
    replace(bars.start("load", totalBytes, " MB", 1 << 20));
  }

  @Override
  public void onLoadProgress(long bytesRead) {
    current.stepTo(bytesRead);
  }

  @Override
  public void onBadLine(String report) {
    err.println(report);
  }

  @Override
  public void onFactorizationStart(ModelType model, int iterations) {
    lossName = model.explicit() ? "train RMSE" : "loss";
    replace(bars.start(model.option(), iterations, " it", 1));
  }

  @Override
  public void onIteration(int iteration, long elapsedMillis, double loss) {
    current.stepTo(iteration);
    current.message(String.format(Locale.ROOT, "%s %.6g", lossName, loss));
  }

  @Override
  public void onFactorizationEnd() {
    replace(null);
  }

  @Override
  public void onEvaluationStart(int scorers) {
    replace(bars.start("evaluate", scorers, "", 1));
  }

  @Override
  public void onEvaluationStep(int done, String scorer) {
    current.stepTo(done);
    current.message(scorer);
  }

  @Override
  public void onEvaluationEnd() {
    replace(null);
  }

  /** Names the bars of the fit that follows, e.g. {@code K=16}. */
  @Override
  public void onMixtureFit(int components, int maxIterations) {
    mixtureLabel = "K=" + components;
    mixtureMaxIterations = maxIterations;
  }

  /** A new bar whenever the run number changes or the iteration count starts again. */
  @Override
  public void onMixtureIteration(int run, int iteration, double meanLogLikelihood) {
    if (current == null || run != currentRun || iteration <= lastIteration) {
      replace(
          bars.start(
              String.format(Locale.ROOT, "EM %s run %d", mixtureLabel, run + 1),
              mixtureMaxIterations,
              " it",
              1));
      currentRun = run;
    }
    lastIteration = iteration;
    current.stepTo(iteration);
    current.message(String.format(Locale.ROOT, "mean log-lik %.6g", meanLogLikelihood));
  }

  @Override
  public void onMixtureEnd() {
    replace(null);
    currentRun = -1;
  }

  @Override
  public void onTrialStart(String label, int fromIteration, int toIteration) {
    replace(bars.start(label, toIteration, " it", 1));
    current.stepTo(fromIteration);
  }

  @Override
  public void onTrialIteration(int iteration, double loss) {
    current.stepTo(iteration);
    current.message(String.format(Locale.ROOT, "loss %.6g", loss));
  }

  @Override
  public void onTrialEnd(String metric, double score) {
    current.message(String.format(Locale.ROOT, "validation %s %.4f", metric, score));
    replace(null);
  }

  private void replace(ProgressBars.Bar next) {
    if (current != null) {
      current.close();
    }
    current = next;
  }
}
