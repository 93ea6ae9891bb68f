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
 */
public record PublishOptions(
    int batchSize,
    int threads,
    Duration lockStaleAfter,
    Path missingItemsFile,
    boolean allowDimensionChange) {

  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final int DEFAULT_THREADS = 2;
  public static final Duration DEFAULT_LOCK_STALE_AFTER = Duration.ofSeconds(60);

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
  }

  public static PublishOptions defaults() {
    return new PublishOptions(
        DEFAULT_BATCH_SIZE, DEFAULT_THREADS, DEFAULT_LOCK_STALE_AFTER, null, false);
  }

  public PublishOptions withLockStaleAfter(Duration d) {
    return new PublishOptions(batchSize, threads, d, missingItemsFile, allowDimensionChange);
  }
}
