package org.solrpersonalize.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class TrainerCliHelpTest {
  private static final PrintStream SINK =
      new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);

  @Test
  void trainHelpListsEveryOptionWithItsDefault() {
    CliRun help = CliRun.of("train", "--help");
    assertEquals(0, help.exitCode());
    // Compared without whitespace: picocli wraps long values anywhere.
    String text = help.out().replaceAll("\\s+", "");
    CommandLine train =
        TrainerCli.commandLine(new Console(SINK, SINK)).getSubcommands().get("train");
    int checked = 0;
    for (OptionSpec option : train.getCommandSpec().options()) {
      if (option.hidden()) {
        continue; // --k, the old name of --at
      }
      String shown =
          option.negatable() ? "--[no-]" + option.longestName().substring(2) : option.longestName();
      assertTrue(text.contains(shown), shown + " missing");
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      String expected =
          option.defaultValue() == null
              ? (option.required() ? "(required; no default)" : "Default: none")
              : "Default: " + option.defaultValue() + ".";
      assertTrue(
          text.contains(expected.replaceAll("\\s+", "")),
          option.longestName() + " does not show '" + expected + "'");
      checked++;
    }
    // 30, then --confidence, --confidence-eps, --bm25-k1, --bm25-b, --half-life, --as-of, and
    // --tune, --tune-budget, --tune-metric, --tune-factors, and --catalog, --content-fields,
    // --catalog-id-field, --content-text-fields, --content-hash-bits, --content-regularization,
    // and --engine, --master
    assertEquals(48, checked);
    // The measured defaults, spelled out.
    assertTrue(text.contains("auto=100.0forimplicit"), text);
    assertTrue(text.contains("--alpha=AImplicitconfidencescale"), text);
    assertTrue(text.contains("--at=NCutoffoftherankingmetrics"), text);
    assertTrue(!text.contains("--k="), text);
  }

  @Test
  void evaluateAndExportHelpShowDefaultsToo() {
    for (String command : new String[] {"evaluate", "export"}) {
      CommandLine cli =
          TrainerCli.commandLine(new Console(SINK, SINK)).getSubcommands().get(command);
      String text = CliRun.of(command, "--help").out().replaceAll("\\s+", "");
      for (OptionSpec option : cli.getCommandSpec().options()) {
        if (option.defaultValue() != null) {
          assertTrue(
              text.contains("Default:" + option.defaultValue() + "."),
              command + " " + option.longestName());
        }
      }
    }
  }

  @Test
  void withoutASubcommandTheUsageListsThemAndFails() {
    CliRun run = CliRun.of();
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("train"), run.err());
    assertTrue(run.err().contains("evaluate"), run.err());
    assertTrue(run.err().contains("export"), run.err());
  }
}
