/** Function queries {@code userdot}, {@code clusterll} and {@code dotp} over item fields. */
package org.solrpersonalize.solr.function;
