/**
 * A real Solr HTTP server from Maven artifacts alone, with the catalog and users cores, for the
 * demo and tests.
 */
package org.solrpersonalize.launcher;
