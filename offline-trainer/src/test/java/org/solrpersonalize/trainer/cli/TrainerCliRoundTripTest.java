package org.solrpersonalize.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.TrainingListener;
import org.solrpersonalize.trainer.data.ColumnNames;
import org.solrpersonalize.trainer.data.EventWeights;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.data.TimeDecay;
import org.solrpersonalize.trainer.eval.SplitMode;
import org.solrpersonalize.trainer.gmm.GaussianMixtureModel;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

class TrainerCliRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /**
   * 12 users in two taste groups over 10 items: u0..u5 use items a0..a4, u6..u11 use b0..b4. User u
   * skips item u%5 of their group and uses the other four in the order u%5+1, u%5+2, ... (mod 5),
   * one minute apart, as view, cart, purchase, view: the last item differs between users, so every
   * held-out item is known from other users.
   */
  private Path tinyLog() throws IOException {
    return writeTinyLog(dir);
  }

  /** Writes {@link #tinyLog}'s events into {@code dir}/events.csv (shared with other CLI tests). */
  static Path writeTinyLog(Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("user,item,event,timestamp\n");
    String[] events = {"view", "cart", "purchase", "view"};
    for (int u = 0; u < 12; u++) {
      String group = u < 6 ? "a" : "b";
      for (int n = 0; n < 4; n++) {
        int item = (u % 5 + 1 + n) % 5;
        csv.append("u")
            .append(u)
            .append(',')
            .append(group)
            .append(item)
            .append(',')
            .append(events[n])
            .append(',')
            .append(1_700_000_000L + 60L * (u * 10 + n))
            .append('\n');
      }
    }
    Path file = dir.resolve("events.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  /** Factors, iterations and regularization of the fits on {@link #tinyLog}. */
  private static final List<String> SMALL_FIT =
      List.of("--factors", "4", "--iterations", "5", "--regularization", "0.1");

  /**
   * The fit of every run on {@link #tinyLog}: train and evaluate share split, seed and
   * hyperparameters, so their figures agree.
   */
  private static final List<String> TINY_LOG_FIT =
      plus(SMALL_FIT, "--alpha", "10", "--holdout", "0.25", "--split", "last");

  /** {@code train} on the tiny log with 2 clusters, cutoff 3 and 2 threads, plus {@code more}. */
  private static CliRun trainTinyLog(Path log, Path out, String... more) {
    List<String> args = plus(TINY_LOG_FIT, "--clusters", "2", "--at", "3", "--threads", "2");
    return CliRun.train(log, out, plus(args, more).toArray(String[]::new));
  }

  /** The library's side of {@link #SMALL_FIT}. */
  private static TrainingConfig.Builder smallFit() {
    return TrainingConfig.builder().factors(4).iterations(5).regularization(0.1);
  }

  private static List<String> plus(List<String> flags, String... more) {
    List<String> all = new ArrayList<>(flags);
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void trainEvaluateExport() throws IOException {
    Path log = tinyLog();
    Path model = dir.resolve("model");
    CliRun train = trainTinyLog(log, model, "--covariance", "diag", "--json");
    assertEquals(0, train.exitCode(), train.err());
    assertTrue(
        train.err().contains("interactions: 48 lines read, 48 used, 0 rejected"), train.err());
    JsonNode summary = JSON.readTree(train.out());
    ModelManifest manifest = ModelDirectory.readManifest(model);
    assertEquals(manifest.modelId(), summary.at("/manifest/modelId").asText());
    assertTrue(manifest.modelId().matches("m\\d{8}-\\d{6}-[0-9a-f]{6}"), manifest.modelId());
    assertEquals("implicit-als", manifest.modelType());
    assertEquals(12, manifest.users());
    assertEquals(10, manifest.items());
    assertEquals(4, manifest.factors());
    assertEquals(0.1, ((Number) manifest.hyperparameters().get("regularization")).doubleValue());
    assertEquals(10.0, ((Number) manifest.hyperparameters().get("alpha")).doubleValue());
    assertEquals(new ModelManifest.FoldIn(0.1, 10.0), manifest.foldIn());
    assertEquals(5, ((Number) manifest.hyperparameters().get("iterations")).intValue());
    assertTrue(manifest.inputFingerprint().startsWith("sha256:"));
    assertEquals(2, manifest.clusters());
    assertEquals("diag", manifest.covarianceType());
    assertMixtureMatchesGmmJson(model);
    // Leave-last-out of round(0.25 * 4) = 1 item of each of the 12 users.
    assertEquals(12, summary.at("/evaluation/ranking/users").asInt());
    assertTrue(manifest.metrics().containsKey("ndcg@3"), manifest.metrics().toString());
    assertTrue(manifest.metrics().containsKey("popularity.ndcg@3"));

    // --k, the old name of --at, still works.
    List<String> evaluateArgs =
        plus(
            TINY_LOG_FIT,
            "--k",
            "3",
            "--knn-neighbours",
            "3",
            "--threads",
            "1",
            "--json",
            "--no-progress");
    CliRun evaluate = CliRun.evaluate(log, evaluateArgs.toArray(String[]::new));
    assertEquals(0, evaluate.exitCode(), evaluate.err());
    JsonNode report = JSON.readTree(evaluate.out());
    // Same split, seed and hyperparameters as train: the same figures, whatever the threads.
    assertEquals(summary.at("/evaluation/ranking"), report.at("/ranking"));
    assertEquals(summary.at("/evaluation/popularity"), report.at("/popularity"));
    assertEquals(12, report.at("/itemKnn/users").asInt());
    // Every held-out item is one of the 2 unseen items of the user's group among 7 candidates:
    // the model and item-kNN both put it in their top 3 for every user.
    assertEquals(1.0, report.at("/ranking/hitRate").asDouble(), report.toString());
    assertEquals(1.0, report.at("/itemKnn/hitRate").asDouble(), report.toString());
    // Each user keeps 3 training events: all 12 are in the bucket 1-5, which is the total.
    JsonNode cold = report.at("/ranking/byActivity/0");
    assertEquals("1-5", cold.get("events").asText());
    assertEquals(12, cold.get("users").asInt());
    assertEquals(report.at("/ranking/ndcg"), cold.get("ndcg"));
    assertEquals(report.at("/itemKnn/precision"), report.at("/itemKnn/byActivity/0/precision"));
    assertEquals(0, report.at("/ranking/byActivity/1/users").asInt());
    assertEquals("21+", report.at("/ranking/byActivity/2/events").asText());
    assertEquals(0, report.at("/popularity/byActivity/2/users").asInt());

    CliRun table =
        CliRun.evaluate(
            log,
            "--factors",
            "4",
            "--iterations",
            "5",
            "--holdout",
            "0.25",
            "--at",
            "3",
            "--knn-neighbours",
            "0",
            "--no-progress");
    assertEquals(0, table.exitCode(), table.err());
    String text = table.out();
    String buckets = text.substring(text.indexOf("\nby training events per user\n"));
    assertTrue(
        buckets.startsWith(
            "\nby training events per user\n"
                + "events  users  metric         implicit-als   popularity\n"),
        buckets);
    assertTrue(buckets.contains("\n1-5        12  precision@3    "), buckets);
    assertTrue(buckets.contains("\n               hit_rate@3     "), buckets);
    assertTrue(buckets.endsWith("6-20        0  (no users)\n21+         0  (no users)\n"), buckets);

    Path exported = dir.resolve("export");
    CliRun export = CliRun.of("export", "--model", model.toString(), "--out", exported.toString());
    assertEquals(0, export.exitCode(), export.err());
    ModelDirectory.Model stored = ModelDirectory.read(model);
    List<String> users = Files.readAllLines(exported.resolve("users.tsv"));
    List<String> items = Files.readAllLines(exported.resolve("items.tsv"));
    assertEquals(12, users.size());
    assertEquals(10, items.size());
    assertArrayEquals(stored.userFactors(), parse(users, stored.userIds(), 4));
    assertArrayEquals(stored.itemFactors(), parse(items, stored.itemIds(), 4));
    assertTrue(Files.exists(exported.resolve("manifest.json")));
    assertEquals(
        Files.readString(model.resolve("gmm.json")),
        Files.readString(exported.resolve("gmm.json")));
  }

  /** The CLI trains through the library: both write the same bytes for the same seed. */
  @Test
  void trainWritesWhatTheLibraryWrites() throws IOException {
    Path log = tinyLog();
    Path cli = dir.resolve("cli");
    CliRun train = trainTinyLog(log, cli, "--no-progress");
    assertEquals(0, train.exitCode(), train.err());

    TrainingConfig config =
        smallFit()
            .alpha(10)
            .clustering(ClusteringConfig.withComponents(2))
            .holdout(new HoldoutConfig(0.25, SplitMode.LAST, 3, 0))
            .threads(1)
            .build();
    Path library = dir.resolve("library");
    Trainer.fit(List.of(log), LoadOptions.DEFAULT, config, TrainingListener.NONE).writeTo(library);

    List<String> files;
    try (Stream<Path> listed = Files.list(cli)) {
      files = listed.map(p -> p.getFileName().toString()).sorted().toList();
    }
    try (Stream<Path> listed = Files.list(library)) {
      assertEquals(files, listed.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals(10, files.size(), files.toString()); // with recent_items.bin
    for (String file : files) {
      if (!file.equals(ModelDirectory.MANIFEST)) {
        assertArrayEquals(
            Files.readAllBytes(cli.resolve(file)), Files.readAllBytes(library.resolve(file)), file);
      }
    }
    ModelManifest fromCli = ModelDirectory.readManifest(cli);
    ModelManifest fromLibrary = ModelDirectory.readManifest(library);
    assertEquals(fromCli.hyperparameters(), fromLibrary.hyperparameters());
    assertEquals(fromCli.metrics(), fromLibrary.metrics());
    assertEquals(fromCli.inputFingerprint(), fromLibrary.inputFingerprint());
  }

  /** The weighting flags reach the library's config and the manifest. */
  @Test
  void weightingFlagsTrainWhatTheLibraryTrains() throws IOException {
    Path log = tinyLog();
    Path cli = dir.resolve("cli");
    CliRun train =
        CliRun.train(
            log,
            cli,
            plus(
                    SMALL_FIT,
                    "--alpha",
                    "5",
                    "--clusters",
                    "1",
                    "--confidence",
                    "bm25",
                    "--bm25-k1",
                    "1.2",
                    "--half-life",
                    "0.5",
                    "--as-of",
                    "2023-11-16T00:00:00Z",
                    "--no-progress")
                .toArray(String[]::new));
    assertEquals(0, train.exitCode(), train.err());

    TrainingConfig config =
        smallFit()
            .alpha(5)
            .weighting(new ConfidenceWeighting(ConfidenceScheme.BM25, 1, 1.2, 0.8))
            .clustering(ClusteringConfig.withComponents(1))
            .build();
    LoadOptions load =
        new LoadOptions(
            ColumnNames.DEFAULT,
            EventWeights.DEFAULT,
            0,
            new TimeDecay(0.5, TimeDecay.parseAsOf("2023-11-16T00:00:00Z")));
    Path library = dir.resolve("library");
    Trainer.fit(List.of(log), load, config, TrainingListener.NONE).writeTo(library);

    for (String file : List.of(ModelDirectory.USER_FACTORS, ModelDirectory.ITEM_FACTORS)) {
      assertArrayEquals(
          Files.readAllBytes(cli.resolve(file)), Files.readAllBytes(library.resolve(file)), file);
    }
    Map<String, Object> hyper = ModelDirectory.readManifest(cli).hyperparameters();
    assertEquals(ModelDirectory.readManifest(library).hyperparameters(), hyper);
    assertEquals("bm25", hyper.get("confidence"));
    assertEquals(1.2, ((Number) hyper.get("bm25K1")).doubleValue());
    assertEquals(0.8, ((Number) hyper.get("bm25B")).doubleValue());
    assertEquals("0.5", hyper.get("halfLifeDays"));
    assertEquals("2023-11-16T00:00:00Z", hyper.get("asOf"));

    CliRun asOfAlone = CliRun.train(log, dir.resolve("never"), "--as-of", "2023-11-15");
    assertEquals(2, asOfAlone.exitCode());
    assertEquals("error: --as-of needs --half-life\n", asOfAlone.err());
  }

  /**
   * The stored l_ik are the log-densities of the stored item factors under gmm.json, the log
   * weights are those of gmm.json, and each user's affinities are a distribution.
   */
  private static void assertMixtureMatchesGmmJson(Path model) throws IOException {
    ModelDirectory.Model stored = ModelDirectory.read(model);
    GaussianMixtureModel gmm = GaussianMixtureModel.readJson(model.resolve("gmm.json"));
    int items = stored.itemIds().size();
    float[] expected = new float[items * 2];
    gmm.logDensities(stored.itemFactors(), items, expected);
    assertArrayEquals(expected, stored.itemLogDensity());
    for (int c = 0; c < 2; c++) {
      assertEquals((float) Math.log(gmm.weights()[c]), stored.gmmLogWeights()[c]);
    }
    for (int u = 0; u < stored.userIds().size(); u++) {
      double total =
          Math.exp(stored.userLogAffinity()[2 * u]) + Math.exp(stored.userLogAffinity()[2 * u + 1]);
      assertEquals(1.0, total, 1e-6);
    }
  }

  /** Parses {@code id<TAB>f1,f2,...} lines, checking the ids' order. */
  private static float[] parse(List<String> lines, List<String> ids, int k) {
    float[] out = new float[lines.size() * k];
    for (int row = 0; row < lines.size(); row++) {
      String[] idAndValues = lines.get(row).split("\t");
      assertEquals(ids.get(row), idAndValues[0]);
      String[] values = idAndValues[1].split(",");
      assertEquals(k, values.length);
      for (int j = 0; j < k; j++) {
        out[row * k + j] = Float.parseFloat(values[j]);
      }
    }
    return out;
  }

  @Test
  void explicitModelsPublishAugmentedFactorsAndReportRmse() throws IOException {
    Path ratings = dir.resolve("ratings.tsv");
    StringBuilder tsv = new StringBuilder("user\titem\tweight\n");
    for (int u = 0; u < 8; u++) {
      for (int i = 0; i < 6; i++) {
        tsv.append("u")
            .append(u)
            .append("\tm")
            .append(i)
            .append('\t')
            .append(1 + (u + 2 * i) % 5)
            .append('\n');
      }
    }
    Files.writeString(ratings, tsv);
    Path model = dir.resolve("explicit");
    CliRun train =
        CliRun.train(
            ratings,
            model,
            "--model",
            "explicit-als",
            "--factors",
            "3",
            "--iterations",
            "5",
            "--clusters",
            "0",
            "--holdout",
            "0.2",
            "--no-progress");
    assertEquals(0, train.exitCode(), train.err());
    ModelManifest manifest = ModelDirectory.readManifest(model);
    assertEquals("explicit-als", manifest.modelType());
    assertEquals(5, manifest.factors()); // 3 + mean/bias columns
    assertEquals(0.05, ((Number) manifest.hyperparameters().get("regularization")).doubleValue());
    assertEquals(
        new ModelManifest.FoldIn(0.05, ModelManifest.FoldIn.EXPLICIT_ALPHA), manifest.foldIn());
    assertTrue(manifest.metrics().containsKey("rmse"));
    assertTrue(train.out().contains("rmse"), train.out());
  }

  @Test
  void badInputIsOneLineOnStderrWithExitCodeTwo() throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "user,item,weight\nu1,a,1\nu2,b,lots\n");
    CliRun run = CliRun.train(bad, dir.resolve("m"), "--no-progress");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals("error: " + bad + ":3: weight 'lots' is not a number\n", run.err());
    assertEquals("", run.out());

    Path missing = dir.resolve("nope.csv");
    run = CliRun.evaluate(missing, "--no-progress");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals("error: " + missing + ": interaction file not found\n", run.err());

    run = CliRun.evaluate(bad, "--split", "sideways");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals("error: --split must be 'random' or 'last', got 'sideways'\n", run.err());

    run = CliRun.of("train", "--interactions", bad.toString(), "--factors", "many");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertTrue(run.err().startsWith("error: Invalid value for option '--factors'"), run.err());
    assertTrue(run.err().endsWith("(see 'trainer train --help')\n"), run.err());
    assertEquals(1, run.err().split("\n").length);

    // Flags are checked before the data is read.
    run = CliRun.train(missing, dir.resolve("m"), "--covariance", "spherical");
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals("error: --covariance must be 'full' or 'diag', got 'spherical'\n", run.err());

    run = CliRun.of("export", "--model", dir.toString(), "--out", dir.resolve("x").toString());
    assertEquals(TrainerCli.BAD_INPUT, run.exitCode());
    assertEquals(
        "error: " + dir.resolve("manifest.json") + ": not a model directory (no manifest.json)\n",
        run.err());
  }
}
