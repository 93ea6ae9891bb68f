/**
 * Interleaving experiments from a click log: team-draft credit per impression, the candidate's
 * preference with its confidence interval, the sign test and the verdict (interleaving-report).
 */
package org.solrpersonalize.trainer.interleaving;
