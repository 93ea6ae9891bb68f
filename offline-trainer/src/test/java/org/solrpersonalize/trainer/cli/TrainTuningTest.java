package org.solrpersonalize.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.tuning.AlsTuning;

/** {@code train} tunes regularization and alpha when they are left at auto, the defaults. */
class TrainTuningTest {
  @TempDir Path dir;

  /** 60 users in two groups of 10 items; user u uses 6 items of its group, from u % 10 on. */
  private Path log() throws IOException {
    StringBuilder csv = new StringBuilder("user,item\n");
    for (int u = 0; u < 60; u++) {
      String group = u % 2 == 0 ? "a" : "b";
      for (int n = 0; n < 6; n++) {
        csv.append("u").append(u).append(',').append(group).append((u + n) % 10).append('\n');
      }
    }
    Path file = dir.resolve("events.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void defaultsMeanTunedAndTheManifestSaysWithWhat() throws IOException {
    Path model = dir.resolve("model");
    CliRun run = trainSmall(model, "--threads", "2");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("tuning: "), run.out());
    assertTrue(run.out().contains("<- chosen"), run.out());
    ModelManifest manifest = ModelDirectory.readManifest(model);
    Map<String, Object> hyper = manifest.hyperparameters();
    assertEquals("tuned", hyper.get("tuning"));
    assertEquals("ndcg@10", hyper.get("tuningMetric"));
    assertEquals(8, ((Number) hyper.get("tuningBudget")).intValue());
    double fits = ((Number) hyper.get("tuningFits")).doubleValue();
    assertTrue(fits > 1 && fits <= 8, "fits " + fits);
    double regularization = ((Number) hyper.get("regularization")).doubleValue();
    double alpha = ((Number) hyper.get("alpha")).doubleValue();
    assertTrue(AlsTuning.REGULARIZATION.contains(regularization), "lambda " + regularization);
    String chosenRow =
        run.out().lines().filter(line -> line.endsWith("<- chosen")).findFirst().orElseThrow();
    Object confidence = hyper.get("confidence");
    // Searched with the scheme, alpha is the grid's times the scheme's weight scale.
    if ("linear".equals(confidence)) {
      assertTrue(AlsTuning.ALPHA.contains(alpha), "alpha " + alpha);
    }
    assertTrue(
        chosenRow.matches("\\s*" + confidence + "\\s+" + regularization + "\\s+" + alpha + "\\s.*"),
        chosenRow);
    assertEquals(new ModelManifest.FoldIn(regularization, alpha), manifest.foldIn());
    assertTrue(manifest.metrics().containsKey("validation.ndcg@10"), manifest.metrics().toString());
    // --confidence auto, the default: the scheme is searched with them.
    assertTrue(
        List.of("log", "linear", "bm25").contains(hyper.get("confidence")),
        String.valueOf(hyper.get("confidence")));
    assertTrue(run.out().contains("confidence"), run.out());
  }

  @Test
  void givenValuesAreNotTuned() throws IOException {
    Path model = dir.resolve("model");
    CliRun run = trainSmall(model, "--regularization", "10", "--alpha", "2");
    assertEquals(0, run.exitCode(), run.err());
    ModelManifest manifest = ModelDirectory.readManifest(model);
    assertEquals(null, manifest.hyperparameters().get("tuning"));
    assertEquals(new ModelManifest.FoldIn(10, 2), manifest.foldIn());
    // --confidence auto without tuning is linear.
    assertEquals("linear", manifest.hyperparameters().get("confidence"));
  }

  /**
   * {@code train} of 4 factors, 3 iterations and no mixture on {@link #log()}, plus {@code more}.
   */
  private CliRun trainSmall(Path model, String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--interactions",
                log().toString(),
                "--out",
                model.toString(),
                "--factors",
                "4",
                "--iterations",
                "3",
                "--clusters",
                "0",
                "--no-progress"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void badTuningFlagsFailBeforeTheDataIsRead() {
    String missing = dir.resolve("nope.csv").toString();
    String out = dir.resolve("m").toString();
    CliRun run =
        CliRun.of("train", "--interactions", missing, "--out", out, "--tune-metric", "auc");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals(
        "error: --tune-metric must be one of ndcg|map|recall|precision|hit_rate, got 'auc'\n",
        run.err());

    run = CliRun.of("train", "--interactions", missing, "--out", out, "--tune-budget", "1");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals(
        "error: --tune-budget must be >= 2 (one fit to search, one final fit), got 1\n", run.err());

    run =
        CliRun.of(
            "train",
            "--interactions",
            missing,
            "--out",
            out,
            "--tune",
            "--regularization",
            "10",
            "--alpha",
            "2");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals(
        "error: --tune has nothing to tune: --regularization and --alpha are both given"
            + " (leave one at auto, or add --tune-factors)\n",
        run.err());

    run = CliRun.of("train", "--interactions", missing, "--out", out, "--gmm-init", "kmedoids");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals(
        "error: --gmm-init must be one of kmeans|kmeans++|random, got 'kmedoids'\n", run.err());
  }
}
