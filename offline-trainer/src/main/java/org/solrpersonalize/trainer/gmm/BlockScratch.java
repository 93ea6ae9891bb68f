package org.solrpersonalize.trainer.gmm;

/** Work arrays of one thread for one block of rows; reused across blocks and iterations. */
final class BlockScratch {
  private static final int W = TransposedRows.WIDTH;

  final TransposedRows block;

  /** d x W: the whitened rows {@code z = L^-1 (x - mu)} of the current component. */
  final double[] solved;

  /** 4 x W: right-hand sides of the four rows of z being solved. */
  final double[] accumulator = new double[4 * W];

  final double[] quadratic = new double[W];

  /** K x W: {@code log N(x_t | mu_k, Sigma_k)}. */
  final double[] logDensities;

  /** K x W: responsibilities {@code gamma_tk}. */
  final double[] responsibilities;

  /** W: {@code log sum_k pi_k N(x_t | ...)}. */
  final double[] rowLogLikelihood = new double[W];

  /** Rows with a non-zero responsibility for one component, centred, row-major (W x d). */
  final double[] gathered;

  final double[] gatheredWeights = new double[W];

  /** {@link #gathered} times {@link #gatheredWeights}, row by row (W x d). */
  final double[] gatheredWeighted;

  BlockScratch(int K, int d) {
    this.block = new TransposedRows(d);
    this.solved = new double[d * W];
    this.logDensities = new double[K * W];
    this.responsibilities = new double[K * W];
    this.gathered = new double[W * d];
    this.gatheredWeighted = new double[W * d];
  }
}
