package org.solrpersonalize.spark;

import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.TrainedModel;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.TrainingListener;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.ColumnNames;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.EventWeights;
import org.solrpersonalize.trainer.data.InteractionLoader;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.data.TimeDecay;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.tuning.AlsTuning;
import org.solrpersonalize.trainer.tuning.TuningConfig;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

/**
 * What bin/trainer train does before and after ALS, done by the Spark engine on the same log: the
 * confidence weighting, the time decay, the tuning of the auto values and the seen items file.
 */
class SparkTrainParityTest {
  /**
   * Users and items appear in sorted order, so both engines number them alike; u1 has two events on
   * i2 (the later time counts), u2 two items at one time (the higher item row first).
   */
  private static final String LOG =
      "user,item,weight,timestamp\n"
          + "u1,i1,1,2026-01-01T00:00:00Z\n"
          + "u1,i2,2,2026-01-03T00:00:00Z\n"
          + "u2,i1,4,2026-01-02T00:00:00Z\n"
          + "u2,i3,1,2026-01-02T00:00:00Z\n"
          + "u3,i2,3,2026-01-04T12:00:00Z\n"
          + "u1,i2,1,2026-01-05T00:00:00Z\n"
          + "u3,i4,7,2026-01-01T00:00:00Z\n"
          + "u4,i3,2,2026-01-06T00:00:00Z\n"
          + "u4,i1,1,2026-01-05T00:00:00Z\n";

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("SparkTrainParityTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** log and bm25 on Spark give the floats ConfidenceWeighting.weigh gives the local matrix. */
  @Test
  void confidenceWeightsEqualTheLocalOnes() throws Exception {
    Interactions local = local(LoadOptions.DEFAULT);
    CsrMatrix m = local.userItems();
    List<Row> rows = new ArrayList<>();
    for (int u = 0; u < m.rows(); u++) {
      for (int e = m.rowStart(u); e < m.rowEnd(u); e++) {
        rows.add(RowFactory.create(u, m.cols()[e], m.vals()[e]));
      }
    }
    StructType schema =
        new StructType()
            .add("u", DataTypes.IntegerType)
            .add("i", DataTypes.IntegerType)
            .add("weight", DataTypes.FloatType);
    Dataset<Row> pairs = spark.createDataFrame(rows, schema);
    for (ConfidenceWeighting weighting :
        List.of(
            new ConfidenceWeighting(ConfidenceScheme.LOG, 0.5, 100, 0.8),
            ConfidenceWeighting.of(ConfidenceScheme.BM25),
            new ConfidenceWeighting(ConfidenceScheme.BM25, 1, 1.2, 0.75))) {
      CsrMatrix expected = weighting.weigh(m);
      float[] actual = new float[m.nnz()];
      for (Row row : ConfidenceWeights.weigh(pairs, weighting, m.rows()).collectAsList()) {
        int e = entry(m, row.getInt(0), row.getInt(1));
        actual[e] = row.getFloat(2);
        assertEquals(Math.max(actual[e], Float.MIN_NORMAL), row.getFloat(3), "rating");
      }
      for (int e = 0; e < actual.length; e++) {
        assertEquals(expected.vals()[e], actual[e], Math.ulp(expected.vals()[e]), weighting + "");
      }
    }
  }

  /**
   * --half-life 2 --as-of: each event decayed before its pair is summed, as locally; an event
   * without a time is a bad line at its file:line on both engines.
   */
  @Test
  void timeDecayGivesTheLocalWeightsAndRejectsTheSameLine() throws Exception {
    Path log = Files.writeString(dir.resolve("decay.csv"), LOG + "u5,i1,1,\n");
    LoadOptions options =
        new LoadOptions(
            ColumnNames.DEFAULT,
            EventWeights.DEFAULT,
            1,
            new TimeDecay(2, TimeDecay.parseAsOf("2026-01-07T00:00:00Z")));
    List<String> localErrors = new ArrayList<>();
    Interactions local =
        new InteractionLoader(options, localErrors::add).load(List.of(log), bytes -> {});
    List<String> sparkErrors = new ArrayList<>();
    ReadInteractions read =
        new InteractionReader(spark, options, "auto", sparkErrors::add)
            .read(List.of(log.toString()));
    String reason = ":11: no timestamp, and --half-life needs one on every event";
    assertEquals(1, localErrors.size());
    assertTrue(localErrors.get(0).endsWith(reason), localErrors.get(0));
    assertEquals(1, sparkErrors.size());
    assertTrue(sparkErrors.get(0).endsWith(reason), sparkErrors.get(0));
    // Each pair's weight: its events decayed one by one, then summed.
    CsrMatrix m = local.userItems();
    List<Row> pairs =
        read.interactions().groupBy("user", "item").agg(sum("weight")).collectAsList();
    read.release();
    assertEquals(m.nnz(), pairs.size());
    for (Row pair : pairs) {
      int u = local.userIds().indexOf(pair.getString(0));
      int i = local.itemIds().indexOf(pair.getString(1));
      assertEquals(m.vals()[entry(m, u, i)], (float) pair.getDouble(2), pair.toString());
    }
    // u4's i3, of weight 2, is one day old at --as-of, two days are a half-life: sqrt(2).
    assertEquals((float) Math.sqrt(2), m.vals()[entry(m, 3, 2)], 1e-6f);
  }

  /** recent_items.bin of a Spark model is the local trainer's file, byte for byte. */
  @Test
  void recentItemsFileEqualsTheLocalOne() throws Exception {
    Path log = Files.writeString(dir.resolve("seen.csv"), LOG + "u4,i2,1,\n");
    Interactions data =
        new InteractionLoader(LoadOptions.DEFAULT, message -> {}).load(List.of(log), bytes -> {});
    TrainedModel local =
        Trainer.fit(
            data,
            TrainingConfig.builder()
                .factors(2)
                .iterations(2)
                .regularization(100)
                .alpha(5)
                .clustering(ClusteringConfig.NONE)
                .threads(1)
                .build());
    local.writeTo(dir.resolve("local"));
    ReadInteractions read =
        new InteractionReader(spark, LoadOptions.DEFAULT, "auto", message -> {})
            .read(List.of(log.toString()));
    SparkTrainedModel trained =
        SparkTrainer.fit(
            spark,
            read.interactions(),
            untuned(2).withMixture(MixtureConfig.defaults().withClusters(0)),
            read.fingerprint());
    read.release();
    trained.writeTo(dir.resolve("spark"));
    assertEquals(data.userIds(), trained.model().userIds());
    assertEquals(data.itemIds(), trained.model().itemIds());
    // u1: i2 (Jan 5), i1; u2: i3, i1 (same time, higher row first); u4: i3, i1, then i2 (no time).
    assertEquals(
        new RecentItems(new int[] {0, 2, 4, 6, 9}, new int[] {1, 0, 2, 0, 1, 3, 2, 0, 1}),
        trained.model().recentItems());
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("local").resolve(RecentItems.FILE)),
        Files.readAllBytes(dir.resolve("spark").resolve(RecentItems.FILE)));
  }

  /**
   * --regularization auto --alpha auto --confidence auto: the local tuner runs on the driver over
   * the training pairs and chooses what it chooses locally on the same matrix; the manifest records
   * the chosen values.
   */
  @Test
  void autoIsTunedOnTheDriverAsLocally() throws Exception {
    DemoDataset shop = DemoDataset.generate(dir.resolve("shop"), 120, 150, 11);
    Path out = dir.resolve("tuned");
    String flags = " --factors 4 --iterations 3 --tune-budget 3 --clusters 0 --seed 11";
    SparkCliRun run =
        SparkCliRun.of(
            ("train --interactions " + shop.interactionsFile() + " --out " + out + flags)
                .split(" "));
    assertEquals(0, run.code(), run.err());
    ModelDirectory.Model model = ModelDirectory.read(out);
    Map<String, Object> hyper = model.manifest().hyperparameters();
    assertEquals("tuned", hyper.get("tuning"));
    assertEquals("ndcg@10", hyper.get("tuningMetric"));

    // The local tuner on the same pairs, in the model's row order.
    Interactions data =
        new InteractionLoader(LoadOptions.DEFAULT, message -> {})
            .load(List.of(shop.interactionsFile()), bytes -> {});
    CsrMatrix train = SparkTrainerCliTest.inModelOrder(data, model);
    assertEquals("all " + train.nnz() + " training interactions", hyper.get("tuningSample"));
    TrainingConfig config =
        TrainingConfig.builder()
            .factors(4)
            .iterations(3)
            .seed(11)
            .threads(2)
            .tuning(
                new TuningConfig(
                    false,
                    true,
                    true,
                    false,
                    3,
                    TuningConfig.auto(true, true).metric(),
                    10,
                    TuningConfig.DEFAULT_VALIDATION_FRACTION,
                    TuningConfig.DEFAULT_AUTO_MAX_INTERACTIONS,
                    true))
            .build();
    AlsTuning.Outcome tuned = AlsTuning.tune(config, train, TrainingListener.NONE);
    assertEquals(tuned.config().regularization(), hyper.get("regularization"));
    assertEquals(tuned.config().alpha(), hyper.get("alpha"));
    assertEquals(tuned.config().weighting().scheme().option(), hyper.get("confidence"));
    assertEquals(tuned.config().regularization(), model.manifest().foldIn().regularization());
    assertEquals(
        tuned.report().score(), model.manifest().metrics().get("validation.ndcg@10"), 1e-12);
    assertTrue(run.out().contains("tuned on  all " + train.nnz()), run.out());
  }

  /**
   * Above the tuner's size: --tune tunes on a seeded sample of whole users and says so; auto alone
   * keeps the defaults, as bin/trainer does.
   */
  @Test
  void largeLogsAreTunedOnASampleOrNotAtAll() throws Exception {
    DemoDataset shop = DemoDataset.generate(dir.resolve("shop"), 120, 150, 11);
    ReadInteractions read =
        new InteractionReader(spark, LoadOptions.DEFAULT, "auto", message -> {})
            .read(List.of(shop.interactionsFile().toString()));
    List<String> outcomes = new ArrayList<>();
    for (boolean requested : List.of(true, false)) {
      TuningConfig tuning =
          new TuningConfig(
              requested,
              true,
              false,
              false,
              2,
              TuningConfig.auto(true, true).metric(),
              10,
              TuningConfig.DEFAULT_VALIDATION_FRACTION,
              400,
              false);
      SparkTrainerConfig config =
          SparkTrainerConfig.of(
              TrainingConfig.builder()
                  .factors(4)
                  .iterations(3)
                  .clustering(ClusteringConfig.NONE)
                  .tuning(tuning)
                  .build(),
              AlsImplementation.TRAINER,
              2,
              MixtureConfig.DEFAULT_SAMPLE_ROWS);
      Map<String, Object> hyper =
          SparkTrainer.fit(spark, read.interactions(), config, read.fingerprint())
              .manifest()
              .hyperparameters();
      outcomes.add(hyper.get("tuning") + " | " + hyper.get("tuningSample"));
      if (!requested) {
        assertEquals(100.0, hyper.get("regularization"));
      }
    }
    read.release();
    assertEquals(
        List.of(
            "tuned | 369 interactions of a seeded sample of users (of 1151)",
            "skipped: 1,151 training interactions are more than the 400 that auto tunes; used"
                + " regularization 100.0, alpha 5.0, confidence linear (pass --tune to tune on a"
                + " seeded sample of users on the driver) | null"),
        outcomes);
  }

  /** A confidence above 1e9 is refused before ALS, naming the pair, as locally. */
  @Test
  void confidenceAboveTheLimitIsRefusedAsLocally() {
    int[] u = {0, 1, 1};
    int[] i = {0, 0, 1};
    float[] w = {1, 1, 3e8f};
    Interactions data =
        Interactions.fromTriples(List.of("u1", "u2"), List.of("i1", "i2"), u, i, w, null, "");
    String local =
        assertThrows(
                BadInputException.class,
                () -> Trainer.fit(data, TrainingConfig.builder().factors(2).threads(1).build()))
            .getMessage();
    List<Row> rows = new ArrayList<>();
    for (int e = 0; e < w.length; e++) {
      rows.add(RowFactory.create("u" + (u[e] + 1), "i" + (i[e] + 1), w[e], null));
    }
    Dataset<Row> frame = spark.createDataFrame(rows, InteractionReader.SCHEMA);
    String onSpark =
        assertThrows(
                BadInputException.class,
                () -> SparkTrainer.fit(spark, frame, SparkTrainerConfig.defaults(42)))
            .getMessage();
    assertEquals(local, onSpark);
    assertTrue(onSpark.startsWith("the confidence 1 + alpha * w = 1 + 5.0 * 3.0E8 of user 'u2'"));
  }

  private static SparkTrainerConfig untuned(int factors) {
    return SparkTrainerConfig.of(
        TrainingConfig.builder()
            .factors(factors)
            .iterations(2)
            .regularization(100)
            .alpha(5)
            .clustering(ClusteringConfig.withComponents(2))
            .build(),
        AlsImplementation.TRAINER,
        2,
        MixtureConfig.DEFAULT_SAMPLE_ROWS);
  }

  /** The index of (u, i) in {@code m}'s entries. */
  private static int entry(CsrMatrix m, int u, int i) {
    for (int e = m.rowStart(u); e < m.rowEnd(u); e++) {
      if (m.cols()[e] == i) {
        return e;
      }
    }
    throw new AssertionError("no entry (" + u + ", " + i + ")");
  }

  private Interactions local(LoadOptions options) throws Exception {
    Path log = Files.writeString(dir.resolve("weights.csv"), LOG);
    return new InteractionLoader(options, message -> {}).load(List.of(log), bytes -> {});
  }
}
