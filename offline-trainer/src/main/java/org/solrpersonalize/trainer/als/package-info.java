/**
 * Matrix factorization: implicit ALS (conjugate gradient and exact Cholesky) and explicit MF (ALS,
 * SGD).
 */
package org.solrpersonalize.trainer.als;
