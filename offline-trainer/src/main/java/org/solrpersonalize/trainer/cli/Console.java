package org.solrpersonalize.trainer.cli;

import java.io.PrintStream;

/**
 * Where a command writes: results (tables, JSON) to {@code out}, progress, warnings and errors to
 * {@code err}. Every subcommand reaches its command line's (see {@code ConsoleCommand}), so tests
 * and the demo capture both streams in-process.
 */
public record Console(PrintStream out, PrintStream err) {}
