/**
 * Blend weights learned from clicks (fit-weights): the rerank's {@code textWeight}, {@code
 * dotWeight} and {@code clusterWeight} fitted to logged {@code [personalize]} parts, and held-out
 * AUC against the weights in use.
 */
package org.solrpersonalize.trainer.blend;
