package org.solrpersonalize.trainer.publish;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to publish.
 *
 * @param batchSize documents per update request
 * @param threads update requests in flight at once
 * @param lockStaleAfter a lock whose heartbeat is older belongs to a dead publish and is taken over
 * @param missingItemsFile where to list model items that have no catalog document (null: none)
 * @param allowDimensionChange publish even when k (factors) or K (mixture components) differ from
 *     the active model's
 * @param minCoverage the least fraction of the model's items that must have a catalog document for
 *     the model to be switched to; at least one must, whatever this is
 * @param seenMax each user's most recent items stored as seen in the profile, for {@code
 *     seen=exclude|demote} (0: none; a model directory without {@code recent_items.bin} has none)
 */
public record PublishOptions(
    int batchSize,
    int threads,
    Duration lockStaleAfter,
    Path missingItemsFile,
    boolean allowDimensionChange,
    double minCoverage,
    int seenMax) {

  /** The most seen items a profile may hold: a bound on the users store's size per user. */
  public static final int MAX_SEEN_MAX = 10_000;

  public PublishOptions {
    if (batchSize < 1 || batchSize > 100_000) {
      throw new IllegalArgumentException("batch size must be in 1..100000, got " + batchSize);
    }
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("threads must be in 1..64, got " + threads);
    }
    if (lockStaleAfter == null || lockStaleAfter.isNegative() || lockStaleAfter.isZero()) {
      throw new IllegalArgumentException("lock stale timeout must be positive");
    }
    if (!(minCoverage >= 0 && minCoverage <= 1)) {
      throw new IllegalArgumentException(
          "minimum coverage must be a fraction in 0..1, got " + minCoverage);
    }
    if (seenMax < 0 || seenMax > MAX_SEEN_MAX) {
      throw new IllegalArgumentException(
          "seen items per user must be in 0.." + MAX_SEEN_MAX + ", got " + seenMax);
    }
  }

  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final int DEFAULT_THREADS = 2;
  public static final Duration DEFAULT_LOCK_STALE_AFTER = Duration.ofSeconds(60);

  /**
   * A tenth of the model's items. Ids of another form than the catalog's (such as {@code sku-123}
   * against {@code 123}) match none or a few by chance; a catalog that only dropped items it no
   * longer sells keeps far more than a tenth of a recent model's.
   */
  public static final double DEFAULT_MIN_COVERAGE = 0.1;

  /**
   * Seen items per profile. 200 ids of 10 characters are about 2 KB per user; a shop's page rarely
   * shows more than 200 items one user already bought or clicked, and a rerank window of 1,000
   * excludes them with one lookup of 200 terms.
   */
  public static final int DEFAULT_SEEN_MAX = 200;

  /**
   * With the {@link #DEFAULT_MIN_COVERAGE default minimum coverage} and {@link #DEFAULT_SEEN_MAX
   * default seen items per user}.
   */
  public PublishOptions(
      int batchSize,
      int threads,
      Duration lockStaleAfter,
      Path missingItemsFile,
      boolean allowDimensionChange) {
    this(
        batchSize,
        threads,
        lockStaleAfter,
        missingItemsFile,
        allowDimensionChange,
        DEFAULT_MIN_COVERAGE,
        DEFAULT_SEEN_MAX);
  }

  /** The least number of a model's {@code items} that must have a catalog document: at least 1. */
  public long minimumItems(int items) {
    return Math.max(1, (long) Math.ceil(minCoverage * items));
  }

  public static PublishOptions defaults() {
    return new PublishOptions(
        DEFAULT_BATCH_SIZE, DEFAULT_THREADS, DEFAULT_LOCK_STALE_AFTER, null, false);
  }

  public PublishOptions withLockStaleAfter(Duration d) {
    return new PublishOptions(
        batchSize, threads, d, missingItemsFile, allowDimensionChange, minCoverage, seenMax);
  }
}
