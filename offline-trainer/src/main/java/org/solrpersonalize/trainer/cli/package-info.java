/** The {@code bin/trainer} command line: train, evaluate, export (and room for more subcommands). */
package org.solrpersonalize.trainer.cli;
