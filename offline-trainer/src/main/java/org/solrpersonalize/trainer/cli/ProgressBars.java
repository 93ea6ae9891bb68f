package org.solrpersonalize.trainer.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars with rate and ETA on stderr, or nothing at all with {@code --no-progress}. The
 * width is fixed so that no terminal probing happens when stderr is a file or a pipe.
 */
final class ProgressBars {
  private static final int WIDTH = 100;

  /** One bar; closing it prints its final state. */
  interface Bar extends AutoCloseable {
    void stepTo(long value);

    void message(String text);

    @Override
    void close();
  }

  private static final Bar NONE =
      new Bar() {
        @Override
        public void stepTo(long value) {}

        @Override
        public void message(String text) {}

        @Override
        public void close() {}
      };

  private final PrintStream err;
  private final boolean enabled;

  ProgressBars(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /**
   * @param unit shown after the counts, e.g. {@code MB}
   * @param unitSize how many steps one unit is (1 << 20 for bytes shown as MB)
   */
  Bar start(String task, long max, String unit, long unitSize) {
    if (!enabled) {
      return NONE;
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(max)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(unit, unitSize)
            .setUpdateIntervalMillis(500)
            .setConsumer(new ConsoleProgressBarConsumer(err, WIDTH))
            .build();
    return new Bar() {
      @Override
      public void stepTo(long value) {
        bar.stepTo(value);
      }

      @Override
      public void message(String text) {
        bar.setExtraMessage(text);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
