/**
 * The training benchmark (ALS and GMM timings) and the hyperparameter sweep behind the defaults.
 */
package org.solrpersonalize.bench.training;
