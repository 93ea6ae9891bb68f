package org.solrpersonalize.trainer.cli;

import java.io.IOException;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.ColdItemEvaluation;
import org.solrpersonalize.trainer.ColdItemReport;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.content.ContentConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.eval.EvaluationReport;
import org.solrpersonalize.trainer.progress.ProgressBars;
import org.solrpersonalize.trainer.progress.TrainingProgressBars;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: splits the interactions, trains on one part and ranks the other, beside the
 * popularity and item-kNN baselines. Writes no model.
 *
 * <pre>
 * bin/trainer evaluate --interactions events.csv --split last --holdout 0.2 --at 10 --json
 * </pre>
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains on a seeded holdout split and reports ranking metrics beside baselines.",
      "Precision, recall, NDCG, MAP, hit rate and coverage at K over all items a user did not",
      "see in training (and RMSE for explicit models), beside popularity and item-kNN."
    })
final class EvaluateCommand extends ConsoleCommand {
  @Mixin InputOptions input;

  @Mixin ModelOptions model;

  @Mixin EvaluationOptions evaluation;

  @Mixin ContentOptions content;

  @Option(
      names = "--cold-items",
      paramLabel = "F",
      description =
          "Instead of the per-user holdout: hold out this fraction of the items with content"
              + " entirely (seeded), train on the rest with --catalog, and rank the held-out items"
              + " by their content-predicted factors, beside a random order and category"
              + " popularity. Default: none.")
  Double coldItems;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    HoldoutConfig holdout = evaluation.toConfig();
    TrainingConfig config =
        model.toBuilder().clustering(ClusteringConfig.NONE).holdout(holdout).build();
    if (coldItems == null && content.catalogGiven()) {
      // The per-user holdout ranks items with interactions only: a content map would be unused.
      throw new BadInputException("evaluate uses --catalog with --cold-items only");
    }
    ContentConfig contentConfig = content.toConfig(input.toLoadOptions(), console().err());
    if (coldItems != null) {
      ColdItemEvaluation.checkFraction(coldItems, contentConfig);
    }
    ProgressBars bars = output.bars(console());
    Interactions data = InteractionReading.load(input, bars, console().err());
    if (coldItems != null) {
      ColdItemReport cold =
          ColdItemEvaluation.evaluate(
              data,
              model.toBuilder().content(contentConfig).build(),
              coldItems,
              holdout.at(),
              new TrainingProgressBars(bars, console().err()));
      console()
          .out()
          .print(
              output.json ? ModelDirectory.json().writeValueAsString(cold) + "\n" : cold.toTable());
      return 0;
    }
    EvaluationReport report =
        Trainer.fit(data, config, new TrainingProgressBars(bars, console().err())).evaluation();
    if (output.json) {
      console().out().println(ModelDirectory.json().writeValueAsString(report));
    } else {
      console().out().print(report.toTable());
    }
    return 0;
  }
}
