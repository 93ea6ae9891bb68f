package org.solrpersonalize.trainer.publish;

import java.io.PrintStream;
import java.util.Locale;
import org.solrpersonalize.trainer.progress.ProgressBars;

/**
 * Shows a publish on stderr: a progress bar per phase with a known size (when bars are enabled), a
 * line for the other phases, and every notice (such as a stale lock taken over), bars or not.
 */
public final class PublishProgressBars implements PublishListener, AutoCloseable {
  private final ProgressBars bars;
  private final PrintStream err;
  private ProgressBars.Bar bar;

  /**
   * @param bars the bars (disabled: phases and bars are not shown)
   * @param err where phases without a size and notices are printed
   */
  public PublishProgressBars(ProgressBars bars, PrintStream err) {
    this.bars = bars;
    this.err = err;
  }

  @Override
  public synchronized void onPhase(String phase, long total) {
    close();
    if (!bars.enabled()) {
      return;
    }
    if (total > 0) {
      bar = bars.start(String.format(Locale.ROOT, "%-8s", phase), total);
    } else {
      err.println(phase + " ...");
    }
  }

  @Override
  public void onBatchWritten(String phase, int documents) {
    ProgressBars.Bar b = bar;
    if (b != null) {
      b.stepBy(documents);
    }
  }

  @Override
  public synchronized void onNotice(String message) {
    err.println(message);
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
