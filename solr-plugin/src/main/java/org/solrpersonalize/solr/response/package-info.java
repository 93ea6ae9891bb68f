/**
 * The {@code personalization} response section, model pinning for distributed requests, the {@code
 * [personalize]} feature-log transformer, and the rankings shards send so that a coordinator
 * interleaves the global rankings ({@link org.solrpersonalize.solr.response.ShardRankings}).
 */
package org.solrpersonalize.solr.response;
