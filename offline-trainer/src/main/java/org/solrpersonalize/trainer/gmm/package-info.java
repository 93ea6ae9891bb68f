/** Gaussian mixture over item factors: EM fit, BIC selection of K, user cluster affinities. */
package org.solrpersonalize.trainer.gmm;
