package org.solrpersonalize.trainer.cli;

import org.solrpersonalize.trainer.HoldoutConfig;
import picocli.CommandLine.Option;

/**
 * The ranking metrics' cutoff, {@code --at}, shared by {@code train} and {@code evaluate}. Its
 * older spelling {@code --k} still works, hidden: {@code k} is the factors' dimension everywhere
 * else.
 */
final class CutoffOption {
  @Option(
      names = "--at",
      paramLabel = "N",
      defaultValue = "" + HoldoutConfig.DEFAULT_AT,
      description =
          "Cutoff of the ranking metrics (precision@N, NDCG@N, ...). Default: ${DEFAULT-VALUE}.")
  int at;

  @Option(names = "--k", hidden = true, paramLabel = "N", description = "Old name of --at.")
  Integer k;

  /** The cutoff: {@code --k} when given (picocli would set --at's default over it), else --at. */
  int value() {
    return k != null ? k : at;
  }
}
