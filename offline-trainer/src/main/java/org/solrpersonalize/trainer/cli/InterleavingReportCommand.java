package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.solrpersonalize.trainer.interleaving.InterleavingReport;
import org.solrpersonalize.trainer.interleaving.TeamDraftTally;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code interleaving-report}: whether the candidate model won on interleaved traffic.
 *
 * <pre>
 * bin/trainer interleaving-report --clicks clicks.jsonl [--json]
 * </pre>
 */
@Command(
    name = "interleaving-report",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Credits each interleaved impression of a click log to the team with more clicks and",
      "prints the candidate's wins, losses, ties, preference (95%% Wilson interval), the",
      "two-sided exact sign test and a verdict: promote, keep or not enough data."
    })
final class InterleavingReportCommand extends ConsoleCommand {
  @Option(
      names = "--clicks",
      required = true,
      paramLabel = "FILE",
      description = "Click log, JSONL, one impression a line (README; required).")
  Path clicks;

  @Mixin ClickLogOptions log;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws IOException {
    InterleavingReport report =
        InterleavingReport.of(TeamDraftTally.of(log.read(clicks, console())));
    return json.print(console(), report, report::toTable);
  }
}
