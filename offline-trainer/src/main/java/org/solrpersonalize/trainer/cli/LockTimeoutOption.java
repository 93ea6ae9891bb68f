package org.solrpersonalize.trainer.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --lock-timeout SECONDS} of the commands that take the publish lock to move the pointer.
 */
final class LockTimeoutOption {
  @Option(
      names = "--lock-timeout",
      defaultValue = "60",
      description =
          "Seconds to watch a held publish lock, on this host's clock, without seeing a heartbeat"
              + " before taking it over as a dead publish's (default: ${DEFAULT-VALUE}).")
  long seconds;

  Duration duration() {
    return Duration.ofSeconds(seconds);
  }
}
