/** Hyperparameter tuning on a validation split carved from the training data. */
package org.solrpersonalize.trainer.tuning;
