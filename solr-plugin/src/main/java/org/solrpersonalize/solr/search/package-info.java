/**
 * The {@code {!personalize}} rerank query parser and its explanations, the per-leaf reader of item
 * fields it and the function queries share, the per-request resolution of model and user profile
 * (with its fallbacks and logging), and the one factory of HTTP 400s.
 */
package org.solrpersonalize.solr.search;
