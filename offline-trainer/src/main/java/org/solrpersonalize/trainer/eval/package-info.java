/**
 * Offline evaluation: seeded holdout splits, ranking metrics at K over all unseen items, RMSE,
 * reports.
 */
package org.solrpersonalize.trainer.eval;
