/** Baseline recommenders: popularity and item-kNN with cosine similarity. */
package org.solrpersonalize.trainer.baseline;
