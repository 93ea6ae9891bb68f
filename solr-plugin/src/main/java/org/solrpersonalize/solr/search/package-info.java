/**
 * The {@code {!personalize}} rerank query parser, the per-leaf reader of item fields it and the
 * function queries share, and the per-request resolution of model and user profile.
 */
package org.solrpersonalize.solr.search;
