package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.solrpersonalize.format.ModelDirectory;

/**
 * A publish in its own JVM, so a test can kill the process part way. Args: solrUrl modelDir
 * [phase]. Without a phase it is slowed down and announces each catalog batch on stdout; with one,
 * it announces {@code phase <PHASE>} when it reaches that phase and waits there to be killed.
 */
public final class PublishUntilKilled {
  /**
   * Starts it in a new JVM on this test's class path; its stdout is for the caller to read.
   *
   * @param phase none, or the {@link PublishPhase} name to stop at
   */
  static Process start(String solrUrl, Path modelDir, String... phase) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PublishUntilKilled.class.getName(),
                solrUrl,
                modelDir.toString()));
    command.addAll(List.of(phase));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  public static void main(String[] args) throws Exception {
    PublishOptions options =
        new PublishOptions(5, 1, PublishOptions.DEFAULT_LOCK_STALE_AFTER, null, false);
    PublishPhase stopAt = args.length > 2 ? PublishPhase.valueOf(args[2]) : null;
    PublishListener announce =
        new PublishListener() {
          @Override
          public void onBatchWritten(String phase, int documents) {
            if (stopAt != null) {
              return;
            }
            System.out.println("batch " + phase);
            System.out.flush();
            sleep(200);
          }

          @Override
          public void atPhase(PublishPhase phase) {
            if (phase == stopAt) {
              System.out.println("phase " + phase);
              System.out.flush();
              sleep(Long.MAX_VALUE);
            }
          }
        };
    new ModelPublisher(SolrTarget.standalone(args[0], "catalog", "users"), options, announce)
        .publish(ModelDirectory.read(Path.of(args[1])));
    System.out.println("finished");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
