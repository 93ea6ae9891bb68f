package org.solrpersonalize.trainer.cli;

import java.io.PrintStream;

/**
 * Where a command writes: results (tables, JSON) to {@code out}, progress, warnings and errors to
 * {@code err}. Every subcommand is constructed with one (see {@code TrainerCli.SUBCOMMANDS}), so
 * tests and the demo capture both streams in-process.
 */
public record Console(PrintStream out, PrintStream err) {}
