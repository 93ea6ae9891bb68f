package org.solrpersonalize.solr.search;

/**
 * The two mixtures a cluster lift compares, per request: the user's cluster affinities {@code
 * theta} and the model's mixture weights {@code pi}, in log space (exact fallback) and linear as
 * floats (what the SIMD kernel multiplies).
 */
record ClusterWeights(float[] logTheta, float[] theta, float[] logPi, float[] pi) {

  static ClusterWeights of(float[] logTheta, float[] logPi) {
    return new ClusterWeights(logTheta, linear(logTheta), logPi, linear(logPi));
  }

  int size() {
    return logTheta.length;
  }

  private static float[] linear(float[] logWeights) {
    float[] out = new float[logWeights.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = (float) Math.exp(logWeights[k]);
    }
    return out;
  }
}
