/**
 * The {@code bin/trainer} command line: train, evaluate, export, publish, generate,
 * interleaving-report and fit-weights. It parses flags and prints through one {@link
 * org.solrpersonalize.trainer.cli.Console}; the work is done by the library ({@link
 * org.solrpersonalize.trainer.Trainer}, the publisher, the demo generator).
 */
package org.solrpersonalize.trainer.cli;
