/**
 * The {@code {!personalize}} rerank query parser and its explanations, the per-leaf reader of item
 * fields it and the function queries share, the per-request resolution of model, candidate and user
 * profile (with its fallbacks and logging), the interleaving of the active and candidate rankings
 * ({@code interleave=candidate}) and the per-request record of both rankings that the {@code
 * [personalize]} field and a coordinator read, and the one factory of HTTP 400s.
 */
package org.solrpersonalize.solr.search;
