package org.solrpersonalize.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.ModelIds;
import org.solrpersonalize.trainer.PhaseTimer;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.eval.EvaluationReport;
import org.solrpersonalize.trainer.tuning.TuningReport;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

/**
 * Implicit ALS on Spark MLlib, then the trainer's Gaussian mixture over the item factors, into the
 * model {@code bin/trainer train} would write: same files, same manifest fields.
 *
 * <pre>{@code
 * Dataset<Row> interactions = ...; // columns user (string), item (string), weight (>= 0)
 * SparkTrainedModel model = SparkTrainer.fit(spark, interactions, SparkTrainerConfig.defaults(42));
 * model.writeTo(Path.of("models/m1"));
 * }</pre>
 *
 * <p>Repeated (user, item) pairs are summed. Ids are numbered in sorted order, so the same input
 * gives the same row order. Factors, affinities and ids are gathered on the driver, which writes
 * the model directory: the driver needs about {@code (users + items) * (k + K) * 4} bytes.
 */
public final class SparkTrainer {
  /** Manifest name of the model type, as the local trainer's implicit model. */
  public static final String MODEL_TYPE = "implicit-als";

  private SparkTrainer() {}

  /** {@link #fit(SparkSession, Dataset, SparkTrainerConfig, String)} of unnamed input. */
  public static SparkTrainedModel fit(
      SparkSession spark, Dataset<Row> interactions, SparkTrainerConfig config) {
    return fit(spark, interactions, config, "unspecified");
  }

  /**
   * Trains a model.
   *
   * @param interactions columns {@code user} and {@code item} (any type, read as text) and {@code
   *     weight} (a number >= 0)
   * @param inputFingerprint traces the model to its input, e.g. {@link
   *     ReadInteractions#fingerprint()}
   * @throws BadInputException for missing columns, no interaction, or a mixture the data cannot
   *     support
   */
  public static SparkTrainedModel fit(
      SparkSession spark,
      Dataset<Row> interactions,
      SparkTrainerConfig config,
      String inputFingerprint) {
    return fit(spark, interactions, config, inputFingerprint, null);
  }

  /**
   * Trains a model on all interactions, or with a holdout on the rest of them and then evaluates it
   * on the held-out part, as {@code bin/trainer train --holdout} does.
   *
   * @param holdout null for none; {@code random} splits only
   */
  public static SparkTrainedModel fit(
      SparkSession spark,
      Dataset<Row> interactions,
      SparkTrainerConfig config,
      String inputFingerprint,
      HoldoutConfig holdout) {
    SparkHoldout.check(holdout);
    PhaseTimer timer = new PhaseTimer();
    List<String> present = Arrays.asList(interactions.columns());
    for (String required : List.of("user", "item", "weight")) {
      if (!present.contains(required)) {
        throw new BadInputException(
            "interactions have no column '" + required + "' (columns: " + present + ")");
      }
    }
    // A pair's time is its latest event's, as the local loader keeps it (for recent_items.bin).
    Column time =
        present.contains("timestamp")
            ? col("timestamp").cast(DataTypes.LongType)
            : lit(null).cast(DataTypes.LongType);
    Dataset<Row> pairs =
        interactions
            .select(
                col("user").cast(DataTypes.StringType).as("user"),
                col("item").cast(DataTypes.StringType).as("item"),
                col("weight").cast(DataTypes.FloatType).as("weight"),
                time.as("time"))
            .groupBy("user", "item")
            .agg(
                sum("weight").cast(DataTypes.FloatType).as("weight"),
                coalesce(max("time"), lit(Interactions.NO_TIMESTAMP)).as("time"))
            // Read four times: for each side's ids, then joined with both, twice.
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> userIndex = index(spark, pairs, "user", "u");
    Dataset<Row> itemIndex = index(spark, pairs, "item", "i");
    List<String> userIds = ids(userIndex, "user", "u");
    List<String> itemIds = ids(itemIndex, "item", "i");
    if (userIds.isEmpty()) {
      throw new BadInputException("no interactions to train on");
    }
    Dataset<Row> indexed =
        ConfidenceWeights.weigh(
                pairs.join(userIndex, "user").join(itemIndex, "item"),
                ConfidenceWeighting.LINEAR,
                userIds.size())
            .persist(StorageLevel.MEMORY_AND_DISK());
    long pairCount = indexed.count();
    int users = userIds.size();
    int items = itemIds.size();
    Dataset<Row> tagged = null;
    Dataset<Row> training = indexed;
    if (holdout != null) {
      tagged =
          SparkHoldout.split(spark, indexed, holdout.fraction(), config.seed())
              .persist(StorageLevel.MEMORY_AND_DISK());
      training = tagged.filter(not(col(SparkHoldout.TEST))).select("u", "i", "weight", "rating");
    }
    RecentItems recent =
        SeenItems.latestFirst(
            pairs.join(userIndex, "user").join(itemIndex, "item").select("u", "i", "time"), users);
    timer.lap("index");
    TuningReport tuning = null;
    Map<String, Object> tuningHyper = Map.of();
    if (config.tuning() != null) {
      SparkTuning.Outcome tuned = SparkTuning.tune(training, users, items, config);
      config = tuned.config();
      tuning = tuned.report();
      tuningHyper = tuned.hyperparameters();
      timer.lap("tune");
    }
    // Only ALS sees the confidence weighting; the holdout and the affinities see the log's weights.
    Dataset<Row> weighted =
        config.weighting().scheme() == ConfidenceScheme.LINEAR
            ? training
            : ConfidenceWeights.weigh(training, config.weighting(), users)
                .persist(StorageLevel.MEMORY_AND_DISK());
    ConfidenceWeights.checkLimit(weighted, config.alpha(), userIds, itemIds);
    int k = config.factors();
    int partitions =
        config.blocks() > 0 ? config.blocks() : spark.sparkContext().defaultParallelism();
    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("regularization", config.regularization());
    hyper.put("alpha", config.alpha());
    hyper.putAll(config.weighting().hyperparameters());
    if (tuning != null) {
      hyper.putAll(tuning.hyperparameters());
      hyper.putAll(tuningHyper);
    }
    hyper.put("iterations", config.iterations());
    hyper.put("engine", "spark");
    hyper.put("sparkVersion", spark.version());
    hyper.put("als", config.als().option());
    hyper.put("blocks", partitions);
    float[] userFactors;
    float[] itemFactors;
    RegularizationMapping mapping = null;
    PartitionedImplicitAls.Factors blocks = null;
    if (config.als() == AlsImplementation.TRAINER) {
      hyper.put("solver", config.solver().option());
      hyper.put("cgSteps", config.cgSteps());
      blocks =
          PartitionedImplicitAls.fit(weighted, users, items, config.implicitConfig(), partitions);
      userFactors = blocks.users();
      itemFactors = blocks.items();
    } else {
      mapping = RegularizationMapping.of(config.regularization(), users, items, pairCount);
      hyper.put("solver", "mllib-cholesky");
      hyper.put("sparkRegParam", mapping.regParam());
      hyper.put("meanRowLength", mapping.meanRowLength());
      ALSModel alsModel = mllib(config, mapping, partitions).fit(weighted);
      userFactors = factors(alsModel.userFactors(), users, k, "user");
      itemFactors = factors(alsModel.itemFactors(), items, k, "item");
    }
    checkFinite(userFactors, k, "user");
    checkFinite(itemFactors, k, "item");
    timer.lap("als");
    EvaluationReport evaluation = null;
    if (tagged != null) {
      evaluation =
          SparkHoldout.evaluate(
              tagged, users, items, k, userFactors, itemFactors, holdout, config.seed());
      hyper.put("holdout", holdout.fraction());
      hyper.put("split", evaluation.split());
      // The manifest keeps "k" as the cutoff's key, as bin/trainer's manifests do.
      hyper.put("k", holdout.at());
      timer.lap("evaluate");
    }

    DriverMixture.Result mixture =
        DriverMixture.fit(itemFactors, items, k, config.mixture(), config.seed());
    timer.lap("mixture");
    float[] userLogAffinity = new float[0];
    if (mixture.clusters() > 0) {
      double[] weights = mixture.model().weights();
      double prior = config.mixture().clustering().prior();
      // The ALS blocks hold the weighted values: a weighting reads the log's weights again.
      userLogAffinity =
          blocks != null && weighted == training
              ? UserAffinities.compute(
                  blocks.userBlocks(), users, mixture.itemResponsibilities(), weights, prior)
              : UserAffinities.compute(
                  training, users, mixture.itemResponsibilities(), weights, prior);
    }
    if (blocks != null) {
      blocks.release();
    }
    if (tagged != null) {
      tagged.unpersist();
    }
    if (weighted != training) {
      weighted.unpersist();
    }
    indexed.unpersist();
    userIndex.unpersist();
    itemIndex.unpersist();
    pairs.unpersist();
    timer.lap("affinities");

    hyper.putAll(mixture.hyperparameters());
    Map<String, Double> metrics =
        new LinkedHashMap<>(evaluation == null ? Map.of() : evaluation.asMetrics());
    metrics.putAll(tuning == null ? Map.of() : tuning.metrics());
    Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ModelManifest manifest =
        new ModelManifest(
            ModelManifest.CURRENT_FORMAT_VERSION,
            ModelIds.create(created, inputFingerprint, config.seed()),
            created.toString(),
            MODEL_TYPE,
            k,
            mixture.clusters(),
            config.mixture().clustering().covariance().option(),
            users,
            items,
            0,
            config.seed(),
            inputFingerprint,
            new ModelManifest.FoldIn(config.regularization(), config.alpha()),
            hyper,
            metrics);
    return new SparkTrainedModel(
        new ModelDirectory.Model(
            manifest,
            userIds,
            itemIds,
            userFactors,
            itemFactors,
            mixture.itemLogDensity(),
            userLogAffinity,
            mixture.gmmLogWeights(),
            recent),
        mixture.model(),
        mapping,
        pairCount,
        evaluation,
        tuning,
        timer.seconds());
  }

  /** Spark MLlib's implicit ALS with our flags mapped onto its parameters. */
  private static ALS mllib(
      SparkTrainerConfig config, RegularizationMapping mapping, int partitions) {
    return new ALS()
        .setRank(config.factors())
        .setMaxIter(config.iterations())
        .setRegParam(mapping.regParam())
        .setImplicitPrefs(true)
        .setAlpha(config.alpha())
        .setNonnegative(false)
        .setSeed(config.seed())
        .setNumBlocks(partitions)
        .setUserCol("u")
        .setItemCol("i")
        .setRatingCol("rating");
  }

  /** Distinct values of {@code column} numbered 0.. in sorted order, as ({@code column, name}). */
  private static Dataset<Row> index(
      SparkSession spark, Dataset<Row> pairs, String column, String name) {
    JavaRDD<Row> numbered =
        pairs
            .select(column)
            .distinct()
            .orderBy(column)
            .javaRDD()
            .zipWithIndex()
            .map(entry -> RowFactory.create(entry._1().getString(0), Math.toIntExact(entry._2())));
    StructType schema =
        new StructType()
            .add(column, DataTypes.StringType, false)
            .add(name, DataTypes.IntegerType, false);
    return spark.createDataFrame(numbered, schema).persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The ids of an index in index order: its partitions hold them in order already. */
  private static List<String> ids(Dataset<Row> index, String column, String name) {
    List<Row> rows = index.select(column, name).collectAsList();
    List<String> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.getInt(1) != out.size()) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT, "%s index out of order: %d at %d", column, row.getInt(1), out.size()));
      }
      out.add(row.getString(0));
    }
    return out;
  }

  /** Names the first row with a non-finite factor, as the local trainer does. */
  private static void checkFinite(float[] factors, int k, String side) {
    for (int p = 0; p < factors.length; p++) {
      if (!Float.isFinite(factors[p])) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT, "ALS gave %s row %d a non-finite factor %s", side, p / k, factors[p]));
      }
    }
  }

  /** MLlib's factors (id, features) gathered into a row-major array. */
  private static float[] factors(Dataset<Row> frame, int rows, int k, String side) {
    float[] out = new float[Math.multiplyExact(rows, k)];
    boolean[] seen = new boolean[rows];
    for (Row row : frame.collectAsList()) {
      int id = row.getInt(0);
      List<Float> features = row.getList(1);
      for (int j = 0; j < k; j++) {
        out[id * k + j] = features.get(j);
      }
      seen[id] = true;
    }
    for (int id = 0; id < rows; id++) {
      if (!seen[id]) {
        throw new IllegalStateException(
            String.format(Locale.ROOT, "Spark ALS gave %s row %d no factors", side, id));
      }
    }
    return out;
  }
}
