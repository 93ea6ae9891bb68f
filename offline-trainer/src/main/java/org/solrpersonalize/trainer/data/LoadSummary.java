package org.solrpersonalize.trainer.data;

import java.util.Locale;

/**
 * Line counts of one load, so nothing is dropped silently.
 *
 * @param linesRead data lines read (headers and blank lines excluded)
 * @param linesUsed lines that became an interaction
 * @param linesRejected bad lines, each reported as {@code file:line: reason}
 * @param blankLines empty lines, skipped
 * @param duplicatesMerged lines whose (user, item) pair was already seen and whose weight was added
 *     to it
 * @param zeroWeightDropped lines of weight 0 (a weight of 0, or an event weighing 0), dropped: they
 *     are not interactions
 */
public record LoadSummary(
    long linesRead,
    long linesUsed,
    long linesRejected,
    long blankLines,
    long duplicatesMerged,
    long zeroWeightDropped) {

  /** A summary without lines of weight 0. */
  public LoadSummary(
      long linesRead, long linesUsed, long linesRejected, long blankLines, long duplicatesMerged) {
    this(linesRead, linesUsed, linesRejected, blankLines, duplicatesMerged, 0);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d lines read, %d used, %d rejected, %d blank, %d of weight 0 dropped;"
            + " %d duplicate (user, item) pairs merged",
        linesRead,
        linesUsed,
        linesRejected,
        blankLines,
        zeroWeightDropped,
        duplicatesMerged);
  }
}
