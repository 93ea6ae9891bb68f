package org.solrpersonalize.solr.store;

import java.util.List;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * One user's profile under one model.
 *
 * @param vector user factors, k values
 * @param logAffinity log cluster affinities log theta_uk, K values (empty when K = 0)
 * @param seenItems catalog ids the user has seen, most recent first (empty: none stored); null when
 *     the lookup did not read them ({@link UsersStore#userFactors})
 */
public record UserProfile(
    String userId, String modelId, float[] vector, float[] logAffinity, List<String> seenItems) {
  static UserProfile of(UsersStoreDocuments.Profile profile) {
    return of(profile, true);
  }

  /**
   * @param seenRead whether the profile's seen items were read; false leaves them null
   */
  static UserProfile of(UsersStoreDocuments.Profile profile, boolean seenRead) {
    return new UserProfile(
        profile.userId(),
        profile.modelId(),
        profile.vector(),
        profile.logAffinity(),
        seenRead ? profile.seenItems() : null);
  }
}
