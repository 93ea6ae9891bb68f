package org.solrpersonalize.spark;

import org.apache.spark.sql.SparkSession;

/** A {@code local[2]} session bound to the loopback interface, without UI: one per test class. */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession start(String name) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(name)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .getOrCreate();
  }
}
