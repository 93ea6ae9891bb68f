package org.solrpersonalize.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the runnable trainer ({@code offline-trainer-<version>-cli.jar}) as a batch server does:
 * {@code java -jar} in a working directory of its own, with no source tree or Maven around.
 */
final class TrainerJar {
  static final String PROPERTY = "pz.trainerCliJar";

  /** Exit code and everything the run printed (stdout and stderr, interleaved). */
  record Run(int exitCode, String output) {}

  private TrainerJar() {}

  /**
   * {@code train} on a small log in {@code workingDir}: 2 clusters, regularization 0.1, alpha 5, no
   * progress bars; {@code interactions} and {@code out} are relative to {@code workingDir}.
   */
  static Run trainSmall(
      Path workingDir, String interactions, String out, int factors, int iterations, long seed)
      throws IOException, InterruptedException {
    return run(
        workingDir,
        "train",
        "--interactions",
        interactions,
        "--out",
        out,
        "--factors",
        Integer.toString(factors),
        "--clusters",
        "2",
        "--iterations",
        Integer.toString(iterations),
        "--regularization",
        "0.1",
        "--alpha",
        "5",
        "--seed",
        Long.toString(seed),
        "--no-progress");
  }

  static Run run(Path workingDir, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                SolrWithInstalledPlugin.requiredFile(PROPERTY).toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(workingDir, "trainer", ".out");
    Process process =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    process.getOutputStream().close();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("trainer " + String.join(" ", args) + " ran over 120 s");
    }
    return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
