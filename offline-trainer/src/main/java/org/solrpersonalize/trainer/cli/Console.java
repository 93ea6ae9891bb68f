package org.solrpersonalize.trainer.cli;

import java.io.PrintStream;

/**
 * Where a command writes: results (tables, JSON) to {@code out}, progress, warnings and errors to
 * {@code err}. Tests pass their own streams.
 */
record Console(PrintStream out, PrintStream err) {}
