package org.solrpersonalize.solr.search;

/**
 * One model's raw parts of a rerank window, per hit in doc-id order: what the leaf walk of {@link
 * PersonalizeRescorer#rescoreWindows} reads before the model ranks the window.
 */
final class WindowParts {
  final double[] dot;
  final double[] cluster;

  /**
   * The item's log-density under the population's mixture (the lift's subtrahend), which only an
   * explanation shows; null when none is wanted.
   */
  final double[] marginal;

  final boolean[] hasFactors;

  /** The factors and clusters diversity reads; null without diversity. */
  final WindowFactors windowFactors;

  /** The cluster lifts computed after the walk; null without the model's mixture weights. */
  final WindowClusterLifts lifts;

  /** Hits without values of the model. */
  int missing;

  WindowParts(int size, boolean explained, WindowFactors windowFactors, WindowClusterLifts lifts) {
    this.dot = new double[size];
    this.cluster = new double[size];
    this.marginal = explained ? new double[size] : null;
    this.hasFactors = new boolean[size];
    this.windowFactors = windowFactors;
    this.lifts = lifts;
  }
}
