package org.solrpersonalize.trainer.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars with rate and ETA on a stream (stderr), or nothing at all when disabled ({@code
 * --no-progress}, logs, tests). The width is fixed so that no terminal probing happens when the
 * stream is a file or a pipe. The one builder of bars for the trainer's commands, publishing and
 * the launcher module.
 *
 * <pre>{@code
 * ProgressBars bars = new ProgressBars(System.err, true);
 * try (ProgressBars.Bar bar = bars.start("load", totalBytes, " MB", 1 << 20)) {
 *   bar.stepTo(bytesRead);
 * }
 * }</pre>
 */
public final class ProgressBars {
  private static final int WIDTH = 100;

  /** One bar; closing it prints its final state. A bar of disabled bars draws nothing. */
  public static final class Bar implements AutoCloseable {
    private final ProgressBar bar;

    private Bar(ProgressBar bar) {
      this.bar = bar;
    }

    public void stepTo(long value) {
      if (bar != null) {
        bar.stepTo(value);
      }
    }

    public void stepBy(long steps) {
      if (bar != null) {
        bar.stepBy(steps);
      }
    }

    public void message(String text) {
      if (bar != null) {
        bar.setExtraMessage(text);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  private static final Bar NONE = new Bar(null);

  private final PrintStream err;
  private final boolean enabled;

  /**
   * @param err where the bars are drawn
   * @param enabled false draws nothing
   */
  public ProgressBars(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Draws nothing. */
  public static ProgressBars none() {
    return new ProgressBars(null, false);
  }

  public boolean enabled() {
    return enabled;
  }

  /** A bar of {@code max} steps counted as they are, with their rate. */
  public Bar start(String task, long max) {
    return start(task, max, "", 1);
  }

  /**
   * @param unit shown after the counts, e.g. {@code MB}
   * @param unitSize how many steps one unit is (1 << 20 for bytes shown as MB)
   */
  public Bar start(String task, long max, String unit, long unitSize) {
    if (!enabled) {
      return NONE;
    }
    return new Bar(
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(max)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(unit, unitSize)
            .setUpdateIntervalMillis(500)
            .showSpeed()
            .setConsumer(new ConsoleProgressBarConsumer(err, WIDTH))
            .build());
  }
}
