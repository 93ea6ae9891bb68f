package org.solrpersonalize.trainer.gmm;

/** Per-user log mixture weights over the item clusters. */
public final class UserClusterAffinity {
  private UserClusterAffinity() {}

  public static float[] logAffinities(
      int users,
      int[] rowPtr,
      int[] cols,
      float[] vals,
      float[] itemResponsibilities,
      double[] weights,
      double prior) {
    throw new UnsupportedOperationException("not yet");
  }
}
