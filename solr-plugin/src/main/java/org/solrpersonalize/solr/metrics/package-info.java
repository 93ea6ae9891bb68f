/**
 * The plugin's metrics in Solr's registries ({@code /solr/admin/metrics}): personalized requests,
 * fallbacks by reason, interleaved requests, rerank time (per catalog core) and users-store lookups
 * with their cache hit ratio (per node).
 */
package org.solrpersonalize.solr.metrics;
