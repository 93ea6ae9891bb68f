/** The hyperparameter sweep behind the defaults of {@code --regularization} and {@code --alpha}. */
package org.solrpersonalize.bench.training;
