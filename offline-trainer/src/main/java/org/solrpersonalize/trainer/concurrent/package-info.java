/** Deterministic parallel loops over rows, shared by training, baselines and evaluation. */
package org.solrpersonalize.trainer.concurrent;
