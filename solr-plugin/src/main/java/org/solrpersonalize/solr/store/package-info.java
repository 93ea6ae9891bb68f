/**
 * The users store seen from a query: the active model's constants and user profiles, looked up by
 * id on the server (a local core in standalone Solr, a collection through ZooKeeper in SolrCloud)
 * through bounded caches that a model switch invalidates.
 */
package org.solrpersonalize.solr.store;
