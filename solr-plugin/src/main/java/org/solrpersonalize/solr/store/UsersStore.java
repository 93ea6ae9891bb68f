package org.solrpersonalize.solr.store;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.Optional;

/**
 * Reads the users store. Implementations cache and are thread-safe. A stored document that does not
 * read (damaged, or written by something else) throws {@link
 * org.solrpersonalize.format.MalformedUsersStoreDocumentException}, naming the document and field:
 * callers turn it into a visible fallback. A store that cannot answer (not loaded, unreachable,
 * slower than the request's {@link LookupDeadline}) throws an HTTP 503 {@code SolrException}.
 */
public interface UsersStore {
  /** The active model, or empty when none was published yet. */
  Optional<ModelConstants> activeModel(LookupDeadline deadline);

  /**
   * The candidate model the pointer names ({@code publish --candidate}), served only to {@code
   * interleave=candidate} requests; empty without one, or while its constants document still names
   * another slot than the pointer does.
   */
  Optional<ModelConstants> candidateModel(LookupDeadline deadline);

  /**
   * Forgets a cached pointer, so the next {@link #activeModel} reads it again: a shard asked for a
   * model its cached pointer does not name yet (the coordinator saw the switch first) checks
   * whether the switch happened before refusing. A store that never caches the pointer past a
   * commit has nothing to forget.
   */
  default void forgetPointer() {}

  /** A given model's constants (a distributed request pins one model id for every shard). */
  Optional<ModelConstants> model(String modelId, LookupDeadline deadline);

  /** The user's profile under a model, or empty for a user the model does not know. */
  Optional<UserProfile> user(String modelId, String userId, LookupDeadline deadline);

  /**
   * {@link #user}, but the profile's seen items may be left unread ({@link UserProfile#seenItems}
   * null): a request that keeps seen items in its results does not pay for reading them.
   */
  default Optional<UserProfile> userFactors(
      String modelId, String userId, LookupDeadline deadline) {
    return user(modelId, userId, deadline);
  }

  /**
   * The id of some model other than {@code exceptModelId} that has a profile of this user, if any:
   * asked only after a miss, so that a user trained into another model (for example one published
   * into a second users store, or not yet reclaimed) is reported as such and not as unknown.
   */
  Optional<String> otherModelOf(String userId, String exceptModelId, LookupDeadline deadline);

  /** Profile lookups of this store since it was opened: cache hits and misses. */
  CacheStats profileLookups();

  /** Estimated heap bytes of the cached profiles and answers (bounded; see ProfileCaches). */
  long cachedBytes();

  default Optional<ModelConstants> activeModel() {
    return activeModel(LookupDeadline.NONE);
  }

  default Optional<ModelConstants> candidateModel() {
    return candidateModel(LookupDeadline.NONE);
  }

  default Optional<ModelConstants> model(String modelId) {
    return model(modelId, LookupDeadline.NONE);
  }

  default Optional<UserProfile> user(String modelId, String userId) {
    return user(modelId, userId, LookupDeadline.NONE);
  }

  default Optional<String> otherModelOf(String userId, String exceptModelId) {
    return otherModelOf(userId, exceptModelId, LookupDeadline.NONE);
  }
}
