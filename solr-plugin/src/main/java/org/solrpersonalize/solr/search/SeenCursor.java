package org.solrpersonalize.solr.search;

import java.util.Arrays;

/**
 * Tells one segment's hits from the seen documents of {@code seen=exclude}, for a per-hit loop:
 * {@code seenDocs[cursor - 1] < doc < seenDocs[cursor]} (global doc ids) proves a hit unseen in two
 * comparisons; only a hit outside that gap moves the cursor, forward by steps (a bulk scorer's hits
 * come in increasing doc order within a segment) or, for a doc that went backwards, by a binary
 * search. A bit set costs a word load and shifts per hit instead.
 */
final class SeenCursor {
  private final int[] seenDocs;

  /** The segment's seen documents are {@code seenDocs[from, to)}. */
  private final int from;

  private final int to;

  /** Index of the first seen document above the last hit tested outside the gap. */
  private int cursor;

  /** {@code seenDocs[cursor - 1]}, or -1. */
  private int below;

  /** {@code seenDocs[cursor]}, or {@code Integer.MAX_VALUE} past the segment's last. */
  private int above;

  /**
   * @param seenDocs global doc ids, ascending
   */
  SeenCursor(int[] seenDocs, int docBase, int maxDoc) {
    this.seenDocs = seenDocs;
    this.from = lowerBound(seenDocs, 0, seenDocs.length, docBase);
    this.to = lowerBound(seenDocs, from, seenDocs.length, docBase + maxDoc);
    moveTo(from);
  }

  /** Whether the segment {@code [docBase, docBase + maxDoc)} holds any of {@code seenDocs}. */
  static boolean any(int[] seenDocs, int docBase, int maxDoc) {
    int first = lowerBound(seenDocs, 0, seenDocs.length, docBase);
    return first < seenDocs.length && seenDocs[first] < docBase + maxDoc;
  }

  /** An index in {@code sorted[from, to)} of {@code value}, or else of the first value above it. */
  private static int lowerBound(int[] sorted, int from, int to, int value) {
    int at = Arrays.binarySearch(sorted, from, to, value);
    return at >= 0 ? at : -at - 1;
  }

  /** Whether the global {@code doc} is seen. */
  boolean seen(int doc) {
    return (doc >= above || doc <= below) && seenOutsideGap(doc);
  }

  private void moveTo(int at) {
    cursor = at;
    below = at > from ? seenDocs[at - 1] : -1;
    above = at < to ? seenDocs[at] : Integer.MAX_VALUE;
  }

  /** {@link #seen} of a doc outside the gap; moves the cursor past it. */
  private boolean seenOutsideGap(int doc) {
    int at = cursor;
    if (doc > above) {
      do {
        at++;
      } while (at < to && seenDocs[at] < doc);
    } else if (doc <= below) {
      at = lowerBound(seenDocs, from, at, doc);
    }
    boolean seen = at < to && seenDocs[at] == doc;
    moveTo(seen ? at + 1 : at);
    return seen;
  }
}
