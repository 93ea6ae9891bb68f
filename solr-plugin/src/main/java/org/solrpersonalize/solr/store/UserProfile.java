package org.solrpersonalize.solr.store;

import java.util.List;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * One user's profile under one model.
 *
 * @param vector user factors, k values
 * @param logAffinity log cluster affinities log theta_uk, K values (empty when K = 0)
 * @param seenItems catalog ids the user has seen, most recent first (empty: none stored)
 */
public record UserProfile(
    String userId, String modelId, float[] vector, float[] logAffinity, List<String> seenItems) {
  static UserProfile of(UsersStoreDocuments.Profile profile) {
    return new UserProfile(
        profile.userId(),
        profile.modelId(),
        profile.vector(),
        profile.logAffinity(),
        profile.seenItems());
  }
}
