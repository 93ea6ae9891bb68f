package org.solrpersonalize.trainer.eval;

import org.solrpersonalize.trainer.data.LowerCaseChoice;

/** How test interactions are held out of each user's history. */
public enum SplitMode implements LowerCaseChoice {
  /** A seeded random fraction of each user's items. */
  RANDOM,
  /** Each user's most recent items by timestamp (leave-last-out). */
  LAST;

  /** Parses {@code random} or {@code last}. */
  public static SplitMode parse(String text) {
    return LowerCaseChoice.parse(SplitMode.class, "--split", text);
  }
}
