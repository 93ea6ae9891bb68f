package org.solrpersonalize.trainer.publish;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars with rate and ETA on stderr, one per phase that has a known size. */
final class ProgressBarListener implements PublishListener, AutoCloseable {
  private ProgressBar bar;

  @Override
  public synchronized void onPhase(String phase, long total) {
    close();
    if (total > 0) {
      bar = new ProgressBarBuilder()
          .setTaskName(String.format(Locale.ROOT, "%-8s", phase))
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .setUpdateIntervalMillis(500)
          .showSpeed()
          .build();
    } else {
      System.err.println(phase + " ...");
    }
  }

  @Override
  public void onBatchWritten(String phase, int documents) {
    ProgressBar b = bar;
    if (b != null) {
      b.stepBy(documents);
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
