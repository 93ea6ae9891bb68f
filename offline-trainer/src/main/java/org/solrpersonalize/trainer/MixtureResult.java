package org.solrpersonalize.trainer;

import java.util.Map;

/**
 * The mixture's part of a model directory.
 *
 * @param components K (0 when no mixture was fitted)
 * @param covariance {@code full} or {@code diag}
 * @param itemLogDensity items x K, {@code l_ik = log N(v_i | mu_k, Sigma_k)}
 * @param userLogAffinity users x K, {@code log theta_uk}
 * @param gmmLogWeights K, {@code log pi_k}
 * @param hyperparameters for the manifest
 * @param gmmJson writes {@code gmm.json}; null without a mixture
 */
record MixtureResult(
    int components,
    String covariance,
    float[] itemLogDensity,
    float[] userLogAffinity,
    float[] gmmLogWeights,
    Map<String, Object> hyperparameters,
    TrainedModel.MixtureJson gmmJson) {

  static MixtureResult none(String covariance) {
    return new MixtureResult(
        0, covariance, new float[0], new float[0], new float[0], Map.of("clusters", 0), null);
  }
}
