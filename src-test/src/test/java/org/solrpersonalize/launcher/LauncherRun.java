package org.solrpersonalize.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * One in-process run of {@code bin/solr}'s command line over the repository's configsets, for
 * starts that fail (a start that succeeds keeps serving): its exit code and what it printed on
 * stderr.
 */
record LauncherRun(int exitCode, String err) {
  static LauncherRun of(int port, Path data) {
    StringWriter err = new StringWriter();
    int exit =
        SolrLauncher.commandLine()
            .setErr(new PrintWriter(err))
            .setOut(new PrintWriter(new StringWriter()))
            .execute(
                "--port",
                Integer.toString(port),
                "--data",
                data.toString(),
                "--configsets",
                TestConfigsets.repository().toString());
    return new LauncherRun(exit, err.toString());
  }
}
