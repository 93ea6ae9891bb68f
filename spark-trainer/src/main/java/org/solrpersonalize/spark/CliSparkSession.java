package org.solrpersonalize.spark;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The session of a command: spark-submit's when it set the master, else the one-box session of
 * {@code bin/trainer --engine spark} ({@code local[N]}), whose SQL shuffles get a few partitions
 * per core instead of Spark's 200 (measured on the 18K-event demo shop, local[2]: the indexing took
 * 89 s with 200 partitions).
 */
final class CliSparkSession {
  /** SQL shuffle partitions per local core. */
  static final int PARTITIONS_PER_CORE = 2;

  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\d+|\\*)(?:,\\d+)?\\])?");

  private CliSparkSession() {}

  /**
   * @param master the master to set, or null to keep spark-submit's
   */
  static SparkSession start(String appName, String master) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (master != null) {
      builder.master(master);
      int cores = localCores(master);
      if (cores > 0 && System.getProperty("spark.sql.shuffle.partitions") == null) {
        builder.config("spark.sql.shuffle.partitions", String.valueOf(cores * PARTITIONS_PER_CORE));
      }
    }
    return builder.getOrCreate();
  }

  /** The cores of a {@code local}, {@code local[N]} or {@code local[*]} master; 0 for others. */
  static int localCores(String master) {
    Matcher m = LOCAL.matcher(master.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return 0;
    }
    if (m.group(1) == null) {
      return 1;
    }
    return "*".equals(m.group(1))
        ? Runtime.getRuntime().availableProcessors()
        : Integer.parseInt(m.group(1));
  }
}
