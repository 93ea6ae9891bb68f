package org.solrpersonalize.solr.store;

import java.util.Optional;

/**
 * Reads the users store. Implementations cache and are thread-safe. A stored document that does not
 * read (damaged, or written by something else) throws {@link
 * org.solrpersonalize.format.MalformedUsersStoreDocumentException}, naming the document and field:
 * callers turn it into a visible fallback.
 */
public interface UsersStore {
  /** The active model, or empty when none was published yet. */
  Optional<ModelConstants> activeModel();

  /** A given model's constants (a distributed request pins one model id for every shard). */
  Optional<ModelConstants> model(String modelId);

  /** The user's profile under a model, or empty for a user the model does not know. */
  Optional<UserProfile> user(String modelId, String userId);

  /**
   * The id of some model other than {@code exceptModelId} that has a profile of this user, if any:
   * asked only after a miss, so that a user trained into another model (for example one published
   * into a second users store, or not yet reclaimed) is reported as such and not as unknown.
   */
  Optional<String> otherModelOf(String userId, String exceptModelId);
}
