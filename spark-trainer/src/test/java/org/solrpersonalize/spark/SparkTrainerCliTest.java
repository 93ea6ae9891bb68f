package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.trainer.MixtureStep;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.InteractionLoader;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.gmm.GaussianMixtureModel;

/**
 * {@code spark-submit ... train} on the demo shop's CSV: the model directory it writes loads with
 * the trainer's reader, with the local loader's ids, and its mixture parts are what the local
 * trainer computes from the same factors.
 */
class SparkTrainerCliTest {
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("SparkTrainerCliTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void trainWritesAModelDirectoryTheTrainerReads() throws Exception {
    DemoDataset shop = DemoDataset.generate(dir.resolve("shop"), 300, 200, 7);
    Path out = dir.resolve("model");
    SparkCliRun run =
        SparkCliRun.of(
            "train",
            "--interactions",
            shop.interactionsFile().toString(),
            "--out",
            out.toString(),
            "--factors",
            "8",
            "--iterations",
            "3",
            // Given, so that nothing is tuned: auto would tune them, as bin/trainer does.
            "--regularization",
            "100",
            "--alpha",
            "5",
            "--clusters",
            "3",
            "--blocks",
            "3",
            "--json");
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err());
    assertTrue(run.out().contains("\"modelType\" : \"implicit-als\""), run.out());

    Interactions local =
        new InteractionLoader(LoadOptions.DEFAULT, message -> {})
            .load(List.of(shop.interactionsFile()), bytes -> {});
    ModelDirectory.Model model = ModelDirectory.read(out);
    ModelManifest manifest = model.manifest();
    assertEquals(8, manifest.factors());
    assertEquals(3, manifest.clusters());
    assertEquals("diag", manifest.covarianceType());
    assertEquals(local.users(), manifest.users());
    assertEquals(local.items(), manifest.items());
    assertEquals(sorted(local.userIds()), model.userIds());
    assertEquals(sorted(local.itemIds()), model.itemIds());
    Map<String, Object> hyper = manifest.hyperparameters();
    assertEquals(100.0, hyper.get("regularization"));
    assertEquals(5.0, hyper.get("alpha"));
    assertEquals("spark", hyper.get("engine"));
    assertEquals("trainer", hyper.get("als"));
    assertEquals("cg", hyper.get("solver"));
    assertEquals(
        "user=user,item=item,weight=weight,timestamp=timestamp,event=event", hyper.get("columns"));
    assertEquals("view=1,cart=3,purchase=5", hyper.get("events"));

    // The mixture parts, recomputed the local trainer's way from the written factors.
    GaussianMixtureModel gmm = GaussianMixtureModel.readJson(out.resolve("gmm.json"));
    int items = manifest.items();
    float[] logDensity = new float[items * 3];
    gmm.logDensities(model.itemFactors(), items, logDensity);
    assertArrayEquals(logDensity, model.itemLogDensity());
    float[] responsibilities = new float[items * 3];
    gmm.responsibilities(model.itemFactors(), items, responsibilities);
    CsrMatrix userItems = inModelOrder(local, model);
    float[] affinities = MixtureStep.userLogAffinities(userItems, responsibilities, gmm, 1.0);
    assertArrayEquals(affinities, model.userLogAffinity());
    for (int c = 0; c < 3; c++) {
      assertEquals((float) Math.log(gmm.weights()[c]), model.gmmLogWeights()[c]);
    }
  }

  @Test
  void badFlagIsExitCodeTwoWithOneLine() throws Exception {
    Path file = dir.resolve("a.csv");
    Files.writeString(file, "user,item\nu1,i1\n");
    assertEquals(
        "error: --als must be 'trainer' or 'mllib', got 'sgd'" + System.lineSeparator(),
        refusedTrain(
            "--interactions",
            file.toString(),
            "--out",
            dir.resolve("m").toString(),
            "--als",
            "sgd"));
  }

  @Test
  void nonEmptyOutputDirectoryIsRefusedBeforeTraining() throws Exception {
    Path file = dir.resolve("a.csv");
    Files.writeString(file, "user,item\nu1,i1\n");
    Path out = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(out.resolve("manifest.json"), "{}");
    assertEquals(
        "error: --out " + out + " exists and is not empty" + System.lineSeparator(),
        refusedTrain("--interactions", file.toString(), "--out", out.toString()));
  }

  /** Runs {@code train} with {@code flags}, checks it exits with 2, and returns its stderr. */
  private static String refusedTrain(String... flags) {
    String[] args = new String[flags.length + 1];
    args[0] = "train";
    System.arraycopy(flags, 0, args, 1, flags.length);
    SparkCliRun run = SparkCliRun.of(args);
    assertEquals(2, run.code());
    return run.err();
  }

  private static List<String> sorted(List<String> ids) {
    List<String> out = new ArrayList<>(ids);
    out.sort(null);
    return out;
  }

  /** The loader's user x item matrix with rows and columns in the model's id order. */
  static CsrMatrix inModelOrder(Interactions local, ModelDirectory.Model model) {
    int n = local.userItems().nnz();
    int[] users = new int[n];
    int[] items = new int[n];
    float[] weights = new float[n];
    CsrMatrix m = local.userItems();
    int e = 0;
    for (int u = 0; u < m.rows(); u++) {
      for (int p = m.rowStart(u); p < m.rowEnd(u); p++) {
        users[e] = model.userIds().indexOf(local.userIds().get(u));
        items[e] = model.itemIds().indexOf(local.itemIds().get(m.cols()[p]));
        weights[e] = m.vals()[p];
        e++;
      }
    }
    return Interactions.fromTriples(
            model.userIds(), model.itemIds(), users, items, weights, null, "")
        .userItems();
  }
}
