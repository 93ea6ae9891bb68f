package org.solrpersonalize.trainer.cli;

import java.util.Map;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.TimeDecay;
import picocli.CommandLine.Option;

/**
 * {@code --half-life} and {@code --as-of}: the decay of each event's weight by its age, a picocli
 * mixin shared by {@code bin/trainer train}/{@code evaluate} and the Spark engine's {@code train},
 * so both engines decay by the same flags.
 */
public final class TimeDecayOptions {
  @Option(
      names = "--half-life",
      paramLabel = "DAYS",
      description =
          "Decay each event's weight by 0.5^(age/DAYS), its age taken from the newest event or"
              + " --as-of; every event then needs a timestamp. Default: none (no decay).")
  Double halfLife;

  @Option(
      names = "--as-of",
      paramLabel = "T",
      description =
          "With --half-life: the time ages are measured from (ISO-8601 or epoch seconds, as in"
              + " the log); later events are bad lines. Default: the newest event.")
  String asOf;

  /** The decay the flags ask for, or null without {@code --half-life}. */
  public TimeDecay toDecay() {
    if (halfLife == null) {
      if (asOf != null) {
        throw new BadInputException("--as-of needs --half-life");
      }
      return null;
    }
    return new TimeDecay(halfLife, asOf == null ? null : TimeDecay.parseAsOf(asOf));
  }

  /** For the manifest: {@code halfLifeDays} and {@code asOf}, or nothing without a decay. */
  public Map<String, String> settings() {
    TimeDecay decay = toDecay();
    return decay == null ? Map.of() : decay.settings();
  }
}
