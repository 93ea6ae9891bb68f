package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.io.PrintStream;
import org.solrpersonalize.trainer.data.InteractionLoader;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.progress.ProgressBars;

/** Loads the input files with a progress bar over their bytes; reports bad lines on stderr. */
final class InteractionReading {
  private InteractionReading() {}

  static Interactions load(InputOptions input, ProgressBars bars, PrintStream err)
      throws IOException {
    InteractionLoader loader = new InteractionLoader(input.toLoadOptions(), err::println);
    long total = InteractionLoader.totalBytes(input.files);
    Interactions data;
    try (ProgressBars.Bar bar = bars.start("load", total, " MB", 1 << 20)) {
      data = loader.load(input.files, bar::stepTo);
    }
    err.println("interactions: " + data.summary());
    return data;
  }
}
