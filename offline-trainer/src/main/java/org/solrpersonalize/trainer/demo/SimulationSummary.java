package org.solrpersonalize.trainer.demo;

/**
 * Counts of one simulation: {@code inPrimarySegment} events were on a product of the user's primary
 * segment.
 */
public record SimulationSummary(int users, long interactions, long inPrimarySegment) {
  /** Share of events on the user's primary segment: the planted signal, about 0.8 by default. */
  public double inSegmentShare() {
    return interactions == 0 ? 0 : (double) inPrimarySegment / interactions;
  }
}
