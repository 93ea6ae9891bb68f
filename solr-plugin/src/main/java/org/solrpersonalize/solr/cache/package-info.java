/**
 * The in-memory item-factor cache: each segment's slot values in primitive arrays, built when a
 * searcher opens and dropped with the segment.
 */
package org.solrpersonalize.solr.cache;
