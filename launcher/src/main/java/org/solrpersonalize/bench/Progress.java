package org.solrpersonalize.bench;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: one line per phase with the time since the start, and a progress bar with
 * rate and ETA for long loops when stderr is a terminal (no bars in logs and tests).
 */
final class Progress {
  private final PrintStream err;
  private final boolean bars;
  private final long start = System.nanoTime();

  Progress(PrintStream err, boolean bars) {
    this.err = err;
    this.bars = bars;
  }

  double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  void phase(String format, Object... args) {
    err.printf(Locale.ROOT, "[%7.1f s] %s%n", elapsedSeconds(), String.format(Locale.ROOT, format, args));
    err.flush();
  }

  /** A counter for a loop of {@code total} steps; closing it ends the bar. */
  Bar bar(String task, long total) {
    if (!bars || total <= 0) {
      return new Bar(null);
    }
    return new Bar(new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(err, 100))
        .setUpdateIntervalMillis(500)
        .showSpeed()
        .build());
  }

  static final class Bar implements AutoCloseable {
    private final ProgressBar bar;

    private Bar(ProgressBar bar) {
      this.bar = bar;
    }

    void step(long n) {
      if (bar != null) {
        bar.stepBy(n);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
