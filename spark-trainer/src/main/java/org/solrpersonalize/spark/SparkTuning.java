package org.solrpersonalize.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.solrpersonalize.trainer.TrainingListener;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.tuning.AlsTuning;
import org.solrpersonalize.trainer.tuning.TuningConfig;
import org.solrpersonalize.trainer.tuning.TuningReport;

/**
 * {@code --tune} and the {@code auto} values on Spark: the local tuner ({@link AlsTuning}, the same
 * search, budget, validation split and metric) run on the driver over the training pairs, or over a
 * seeded sample of whole users when there are more than {@link TuningConfig#autoMaxInteractions()}
 * (5M) of them. Spark fits for every trial would cost a job per rung and point; the search needs a
 * few fits' worth of ALS iterations, which a 5M sample gives on one machine in minutes
 * (docs/spark-sizing.md). As locally, {@code auto} without {@code --tune} keeps the defaults above
 * that size; {@code --tune} tunes on the sample. The output and the manifest ({@code tuningSample})
 * say which.
 */
final class SparkTuning {
  /** Users are sampled by a seeded hash into this many buckets. */
  private static final int BUCKETS = 1 << 30;

  /**
   * @param config the tuned values, no tuning left
   * @param report the local tuner's report (points, chosen values, validation score)
   * @param hyperparameters for the manifest: {@code tuningSample}
   */
  record Outcome(
      SparkTrainerConfig config, TuningReport report, Map<String, Object> hyperparameters) {}

  private SparkTuning() {}

  /**
   * @param training columns {@code u, i, weight}, one row per pair, not yet weighted
   * @param users rows of the model's users
   * @param items rows of the model's items
   */
  static Outcome tune(Dataset<Row> training, int users, int items, SparkTrainerConfig config) {
    TuningConfig tuning = config.tuning();
    long pairs = training.count();
    long max = tuning.autoMaxInteractions();
    Map<String, Object> hyper = new LinkedHashMap<>();
    if (pairs > max && !tuning.requested()) {
      String reason =
          String.format(
              Locale.ROOT,
              "%,d training interactions are more than the %,d that auto tunes; used"
                  + " regularization %s, alpha %s, confidence %s (pass --tune to tune on a seeded"
                  + " sample of users on the driver)",
              pairs,
              max,
              config.regularization(),
              config.alpha(),
              config.weighting().scheme().option());
      String metric = tuning.metric().option() + "@" + tuning.at();
      SparkTrainerConfig untuned = config.withTuned(config.toTrainingConfig(1));
      return new Outcome(untuned, TuningReport.skipped(reason, metric, tuning.budget()), hyper);
    }
    Dataset<Row> sample = training;
    if (pairs > max) {
      long threshold = (long) ((double) max / pairs * BUCKETS);
      sample =
          training.filter(
              pmod(xxhash64(col("u"), lit(config.seed())), lit(BUCKETS)).lt(lit(threshold)));
    }
    CsrMatrix matrix = toDriver(sample, users, items);
    hyper.put(
        "tuningSample",
        pairs > max
            ? String.format(
                Locale.ROOT,
                "%d interactions of a seeded sample of users (of %d)",
                matrix.nnz(),
                pairs)
            : "all " + pairs + " training interactions");
    AlsTuning.Outcome tuned =
        AlsTuning.tune(
            config.toTrainingConfig(Runtime.getRuntime().availableProcessors()),
            matrix,
            TrainingListener.NONE);
    return new Outcome(config.withTuned(tuned.config()), tuned.report(), hyper);
  }

  /**
   * The pairs as a users x items matrix on the driver; the rows of users without pairs stay empty
   * (the validation split skips them).
   */
  private static CsrMatrix toDriver(Dataset<Row> pairs, int users, int items) {
    PairColumns columns = new PairColumns();
    Iterator<Row> rows = pairs.select("u", "i", "weight").orderBy("u", "i").toLocalIterator();
    while (rows.hasNext()) {
      Row pair = rows.next();
      columns.add(pair.getInt(0), pair.getInt(1), pair.getFloat(2));
    }
    return columns.toCsr(users, items);
  }
}
