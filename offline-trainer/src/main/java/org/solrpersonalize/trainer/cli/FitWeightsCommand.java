package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.solrpersonalize.trainer.blend.BlendWeights;
import org.solrpersonalize.trainer.blend.WeightFit;
import org.solrpersonalize.trainer.blend.WeightFitConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fit-weights}: learns textWeight, dotWeight and clusterWeight from a click log.
 *
 * <pre>
 * bin/trainer fit-weights --log clicks.jsonl [--current textWeight=1,dotWeight=1,clusterWeight=0.5]
 * </pre>
 */
@Command(
    name = "fit-weights",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Learns the rerank's textWeight, dotWeight and clusterWeight from the logged",
      "[personalize] parts and clicks (L2-regularized conditional logit: each click against the",
      "impression's documents not clicked), and compares held-out AUC with the current weights."
    })
final class FitWeightsCommand extends ConsoleCommand {
  @Option(
      names = "--log",
      required = true,
      paramLabel = "FILE",
      description = "Click log with [personalize] objects, JSONL (README; required).")
  Path log;

  @Mixin ClickLogOptions logOptions;

  @Option(
      names = "--current",
      paramLabel = "textWeight=X,dotWeight=Y,clusterWeight=Z",
      description =
          "Weights to compare with. Default: read from the log's scores, else the plugin's"
              + " defaults.")
  String current;

  @Option(
      names = "--holdout",
      defaultValue = "0.2",
      description = "Share of impressions held out for AUC. Default: ${DEFAULT-VALUE}.")
  double holdout;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the split by impression. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--l2",
      defaultValue = "1.0",
      description = "Ridge penalty of the fit. Default: ${DEFAULT-VALUE}.")
  double l2;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws IOException {
    WeightFitConfig config;
    try {
      config =
          new WeightFitConfig(
              holdout, seed, l2, current == null ? null : BlendWeights.parse(current));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("fit-weights: " + e.getMessage(), e);
    }
    WeightFit fit = WeightFit.run(logOptions.read(log, console()), config);
    return json.print(console(), fit, fit::toTable);
  }
}
