package org.solrpersonalize.solr.store;

import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * One user's profile under one model.
 *
 * @param vector user factors, k values
 * @param logAffinity log cluster affinities log theta_uk, K values (empty when K = 0)
 */
public record UserProfile(String userId, String modelId, float[] vector, float[] logAffinity) {
  static UserProfile of(UsersStoreDocuments.Profile profile) {
    return new UserProfile(
        profile.userId(), profile.modelId(), profile.vector(), profile.logAffinity());
  }
}
