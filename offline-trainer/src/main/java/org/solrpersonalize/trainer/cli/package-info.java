/** The {@code bin/trainer} command line: train, export, publish, generate. */
package org.solrpersonalize.trainer.cli;
