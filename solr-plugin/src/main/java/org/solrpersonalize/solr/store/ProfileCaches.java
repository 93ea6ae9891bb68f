package org.solrpersonalize.solr.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The users stores' caches, bounded by an estimate of their bytes on the heap rather than by
 * entries: a key is a user id a request chose, so a count bound would let long ids take any amount
 * of memory. Eviction runs in the calling thread (no background thread per store).
 */
final class ProfileCaches {
  /**
   * Bytes of profiles one users store keeps: about 150,000 profiles of k = 64, K = 16 (about 430
   * bytes each with a 20-character id), a few hundred thousand misses of unknown visitors.
   */
  static final long PROFILE_BYTES = 64L << 20;

  /** Bytes of "which other model knows this user" answers, asked only after a miss. */
  static final long OTHER_MODEL_BYTES = 8L << 20;

  /** Model constants kept per store (a gram matrix of k = 256 is 512 KB). */
  static final int MODELS = 16;

  /** Fixed cost of a cache entry: Caffeine's node, the key's String and array headers. */
  private static final int ENTRY_OVERHEAD = 96;

  private ProfileCaches() {}

  /**
   * @param lookups where the cache counts its hits and misses: one per store, so that the caches of
   *     successive searchers add up
   */
  static Cache<String, Optional<UserProfile>> profiles(long maxBytes, StatsCounter lookups) {
    return Caffeine.newBuilder()
        .executor(Runnable::run)
        .recordStats(() -> lookups)
        .maximumWeight(maxBytes)
        .weigher((String key, Optional<UserProfile> value) -> weight(key, value))
        .build();
  }

  static Cache<String, Optional<String>> otherModels(long maxBytes, Duration ttl) {
    return Caffeine.newBuilder()
        .executor(Runnable::run)
        .maximumWeight(maxBytes)
        .weigher(
            (String key, Optional<String> value) ->
                ENTRY_OVERHEAD + 2 * key.length() + value.map(v -> 48 + 2 * v.length()).orElse(0))
        .expireAfterWrite(ttl)
        .build();
  }

  static <V> Cache<String, V> models() {
    return Caffeine.newBuilder().executor(Runnable::run).maximumSize(MODELS).build();
  }

  /** Estimated heap bytes of one profile entry (ids as UTF-16, vectors as float arrays). */
  static int weight(String key, Optional<UserProfile> value) {
    int bytes = ENTRY_OVERHEAD + 2 * key.length();
    if (value.isPresent()) {
      UserProfile p = value.get();
      bytes +=
          2 * ENTRY_OVERHEAD
              + 2 * (p.userId().length() + p.modelId().length())
              + Float.BYTES * (p.vector().length + p.logAffinity().length);
      for (String item : p.seenItems() == null ? List.<String>of() : p.seenItems()) {
        bytes += ENTRY_OVERHEAD + 2 * item.length();
      }
    }
    return bytes;
  }

  /** Estimated bytes a cache holds now (after pending evictions). */
  static long weightedSize(Cache<?, ?> cache) {
    cache.cleanUp();
    return cache
        .policy()
        .eviction()
        .flatMap(
            e ->
                e.weightedSize().isPresent()
                    ? Optional.of(e.weightedSize().getAsLong())
                    : Optional.empty())
        .orElse(0L);
  }
}
