package org.solrpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.cli.CliRun;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.eval.HoldoutSplit;
import org.solrpersonalize.trainer.eval.SplitMode;

/**
 * {@code train --holdout} on both engines: the Spark split is the trainer's split of the same
 * numbering, and the same flags give the same NDCG@10 through both command lines.
 */
class SparkHoldoutTest {
  private static final long SEED = 42;

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("SparkHoldoutTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void sparkHoldsOutTheTrainersTestPairs() {
    int users = 60;
    int items = 40;
    SplittableRandom random = new SplittableRandom(7);
    List<int[]> pairs = new ArrayList<>();
    for (int user = 0; user < users; user++) {
      TreeSet<Integer> chosen = new TreeSet<>();
      int n = 1 + random.nextInt(12);
      while (chosen.size() < n) {
        chosen.add(random.nextInt(items));
      }
      for (int item : chosen) {
        pairs.add(new int[] {user, item});
      }
    }
    int[] u = new int[pairs.size()];
    int[] i = new int[pairs.size()];
    float[] w = new float[pairs.size()];
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < pairs.size(); p++) {
      u[p] = pairs.get(p)[0];
      i[p] = pairs.get(p)[1];
      w[p] = 1 + p % 3;
      rows.add(RowFactory.create(u[p], i[p], w[p], w[p]));
    }
    Interactions data =
        Interactions.fromTriples(ids("u", users), ids("i", items), u, i, w, null, "test");
    CsrMatrix expected = HoldoutSplit.split(data, SplitMode.RANDOM, 0.2, SEED).test();

    StructType schema =
        new StructType()
            .add("u", DataTypes.IntegerType)
            .add("i", DataTypes.IntegerType)
            .add("weight", DataTypes.FloatType)
            .add("rating", DataTypes.FloatType);
    Dataset<Row> indexed = spark.createDataFrame(rows, schema).repartition(3);
    List<String> actual = new ArrayList<>();
    for (Row row :
        SparkHoldout.split(spark, indexed, 0.2, SEED)
            .filter(SparkHoldout.TEST)
            .orderBy("u", "i")
            .collectAsList()) {
      actual.add(row.getInt(0) + ":" + row.getInt(1));
    }
    List<String> wanted = new ArrayList<>();
    for (int user = 0; user < expected.rows(); user++) {
      for (int p = expected.rowStart(user); p < expected.rowEnd(user); p++) {
        wanted.add(user + ":" + expected.cols()[p]);
      }
    }
    assertEquals(wanted, actual);
    assertEquals(expected.nnz(), actual.size());
  }

  /** bin/trainer train and the Spark engine's train, the same flags, the demo shop. */
  @Test
  void sameFlagsGiveTheSameNdcgOnBothEngines() throws Exception {
    assertSameNdcg("--regularization", "100", "--alpha", "5");
  }

  /**
   * The defaults: --regularization, --alpha and --confidence auto, tuned by the local tuner on
   * either engine (on the Spark driver) over the same training pairs.
   */
  @Test
  void defaultFlagsTunedOnBothEnginesGiveTheSameNdcg() throws Exception {
    JsonNode manifest = assertSameNdcg();
    assertEquals("tuned", manifest.path("hyperparameters").path("tuning").asText());
  }

  /** Trains with both engines and the same flags; the Spark run's manifest. */
  private JsonNode assertSameNdcg(String... modelFlags) throws Exception {
    DemoDataset shop = DemoDataset.generate(dir.resolve("shop"), 2000, 1000, SEED);
    Path log = firstSeenIds(shop.interactionsFile(), dir.resolve("interactions.csv"));
    List<String> flags =
        new ArrayList<>(
            List.of(
                "train",
                "--interactions",
                log.toString(),
                "--factors",
                "32",
                "--iterations",
                "10",
                "--clusters",
                "0",
                "--holdout",
                "0.2",
                "--seed",
                "" + SEED,
                "--json"));
    flags.addAll(List.of(modelFlags));
    List<String> local = new ArrayList<>(flags);
    local.addAll(List.of("--out", dir.resolve("local").toString(), "--no-progress"));
    CliRun localRun = CliRun.of(local.toArray(String[]::new));
    assertEquals(0, localRun.exitCode(), localRun.err());

    List<String> onSpark = new ArrayList<>(flags);
    onSpark.addAll(List.of("--out", dir.resolve("spark").toString(), "--engine", "spark"));
    SparkCliRun sparkRun = SparkCliRun.of(onSpark.toArray(String[]::new));
    assertEquals(0, sparkRun.code(), sparkRun.err());

    JsonNode localReport =
        ModelDirectory.json().readTree(localRun.out()).path("evaluation").path("ranking");
    JsonNode sparkReport =
        ModelDirectory.json().readTree(sparkRun.out()).path("evaluation").path("ranking");
    double localNdcg = localReport.path("ndcg").asDouble();
    double sparkNdcg = sparkReport.path("ndcg").asDouble();
    JsonNode sparkManifest = ModelDirectory.json().readTree(sparkRun.out()).path("manifest");
    JsonNode hyper = sparkManifest.path("hyperparameters");
    System.out.printf(
        Locale.ROOT,
        "ndcg@10: bin/trainer %.4f, spark %.4f (%s: lambda %s, alpha %s, confidence %s)%n",
        localNdcg,
        sparkNdcg,
        hyper.path("tuning").asText("not tuned"),
        hyper.path("regularization").asText(),
        hyper.path("alpha").asText(),
        hyper.path("confidence").asText());
    assertEquals(localReport.path("users").asInt(), sparkReport.path("users").asInt());
    assertTrue(localNdcg > 0.05, "local ndcg " + localNdcg);
    assertTrue(
        Math.abs(sparkNdcg - localNdcg) <= 0.02 * localNdcg,
        String.format(Locale.ROOT, "bin/trainer %.4f, spark %.4f", localNdcg, sparkNdcg));
    return sparkManifest;
  }

  /**
   * The demo log (header {@code user,item,event,timestamp}) with each id renamed by its rank of
   * first appearance: bin/trainer numbers ids in that order and the Spark engine in sorted order,
   * which are then the same, so both engines hold out the same pairs.
   */
  private static Path firstSeenIds(Path from, Path to) throws IOException {
    List<String> lines = Files.readAllLines(from, StandardCharsets.UTF_8);
    Map<String, String> users = new HashMap<>();
    Map<String, String> items = new HashMap<>();
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      fields[0] = users.computeIfAbsent(fields[0], id -> rank("u", users.size()));
      fields[1] = items.computeIfAbsent(fields[1], id -> rank("p", items.size()));
      out.add(String.join(",", fields));
    }
    return Files.write(to, out, StandardCharsets.UTF_8);
  }

  private static String rank(String prefix, int rank) {
    return String.format(Locale.ROOT, "%s%06d", prefix, rank);
  }

  private static List<String> ids(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      out.add(String.format(Locale.ROOT, "%s%03d", prefix, r));
    }
    return out;
  }
}
