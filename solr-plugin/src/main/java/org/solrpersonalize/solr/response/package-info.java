/** The {@code personalization} response section and model pinning for distributed requests. */
package org.solrpersonalize.solr.response;
