/** Gaussian mixture over item factors by EM in log space, and users' cluster affinities. */
package org.solrpersonalize.trainer.gmm;
