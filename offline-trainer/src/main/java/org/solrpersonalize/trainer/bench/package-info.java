/** Seeded synthetic interactions with planted segments, the training benchmark and the hyperparameter sweep. */
package org.solrpersonalize.trainer.bench;
