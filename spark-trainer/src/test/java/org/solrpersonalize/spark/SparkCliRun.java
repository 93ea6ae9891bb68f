package org.solrpersonalize.spark;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of {@link SparkTrainerCli} as {@code spark-submit} would run it, its output kept.
 *
 * @param code the exit code
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
record SparkCliRun(int code, String out, String err) {
  static SparkCliRun of(String... args) {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = SparkTrainerCli.run(new PrintWriter(stdout), new PrintWriter(stderr), args);
    return new SparkCliRun(code, stdout.toString(), stderr.toString());
  }
}
