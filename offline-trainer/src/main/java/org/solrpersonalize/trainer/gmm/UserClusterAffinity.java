package org.solrpersonalize.trainer.gmm;

/**
 * Users' log cluster affinities: {@code theta_u ∝ prior * pi + sum_i w_ui gamma_ik} (Dirichlet
 * smoothing toward the mixture weights), normalized, returned as logs (users x K).
 */
public final class UserClusterAffinity {
  private UserClusterAffinity() {}

  public static float[] logAffinities(int users, int[] rowPtr, int[] cols, float[] vals,
      double[] itemResponsibilities, double[] weights, double prior) {
    int k = weights.length;
    float[] out = new float[users * k];
    double[] theta = new double[k];
    for (int u = 0; u < users; u++) {
      for (int c = 0; c < k; c++) {
        theta[c] = prior * weights[c];
      }
      for (int j = rowPtr[u]; j < rowPtr[u + 1]; j++) {
        int i = cols[j];
        for (int c = 0; c < k; c++) {
          theta[c] += vals[j] * itemResponsibilities[i * k + c];
        }
      }
      double sum = 0;
      for (double t : theta) {
        sum += t;
      }
      for (int c = 0; c < k; c++) {
        out[u * k + c] = (float) Math.log(theta[c] / sum);
      }
    }
    return out;
  }
}
