package org.solrpersonalize.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.solrpersonalize.trainer.data.LoadSummary;

/**
 * What {@link InteractionReader#read} found.
 *
 * @param interactions one row per good line, columns of {@link InteractionReader#SCHEMA}
 * @param linesRead data lines (or Parquet rows) read, headers and blank lines excluded
 * @param linesUsed lines that became an interaction
 * @param linesRejected bad lines
 * @param blankLines empty lines, skipped
 * @param zeroWeightDropped good lines of weight 0, dropped as the local loader drops them
 * @param fingerprint {@code sha256:} of the files' paths, lengths and modification times
 * @param parsedRows the cached parse behind {@code interactions}
 */
public record ReadInteractions(
    Dataset<Row> interactions,
    long linesRead,
    long linesUsed,
    long linesRejected,
    long blankLines,
    long zeroWeightDropped,
    String fingerprint,
    JavaRDD<?> parsedRows) {

  /** The line counts as the local loader reports them, once training knows the distinct pairs. */
  public LoadSummary summary(long distinctPairs) {
    return new LoadSummary(
        linesRead,
        linesUsed,
        linesRejected,
        blankLines,
        linesUsed - distinctPairs,
        zeroWeightDropped);
  }

  /** Drops the cached parse; {@code interactions} stays usable (it is read again if needed). */
  public void release() {
    parsedRows.unpersist(false);
  }
}
