package org.solrpersonalize.bench;

import java.io.PrintStream;
import java.util.Locale;
import org.solrpersonalize.trainer.progress.ProgressBars;

/**
 * Progress on stderr: one line per phase with the time since the start, and the trainer's progress
 * bars (rate and ETA) for long loops when stderr is a terminal (no bars in logs and tests).
 */
final class Progress {
  private final PrintStream err;
  private final ProgressBars bars;
  private final long start = System.nanoTime();

  Progress(PrintStream err, boolean bars) {
    this.err = err;
    this.bars = new ProgressBars(err, bars);
  }

  double elapsedSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  void phase(String format, Object... args) {
    err.printf(
        Locale.ROOT, "[%7.1f s] %s%n", elapsedSeconds(), String.format(Locale.ROOT, format, args));
    err.flush();
  }

  /** A line of detail under the current phase, without the time. */
  void detail(String format, Object... args) {
    err.printf(Locale.ROOT, format + "%n", args);
  }

  /** A counter for a loop of {@code total} steps; closing it ends the bar. */
  ProgressBars.Bar bar(String task, long total) {
    return total > 0 ? bars.start(task, total) : ProgressBars.none().start(task, total);
  }
}
