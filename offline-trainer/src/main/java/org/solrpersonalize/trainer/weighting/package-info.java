/** Confidence weighting of the user-item matrix for implicit ALS: linear, log and BM25. */
package org.solrpersonalize.trainer.weighting;
