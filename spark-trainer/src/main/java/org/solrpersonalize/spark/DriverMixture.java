package org.solrpersonalize.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.MixtureStep;
import org.solrpersonalize.trainer.gmm.EmProgress;
import org.solrpersonalize.trainer.gmm.GaussianMixtureModel;
import org.solrpersonalize.trainer.gmm.GmmConfig;

/**
 * The Gaussian mixture over the item factors, fitted on the driver by the trainer's own EM (Spark's
 * {@code GaussianMixture} was measured 10-70x slower than scikit-learn and stuck in local optima,
 * ARI 0.87 on a planted mixture), on every item or on a seeded sample of {@link
 * MixtureConfig#sampleRows()} of them; then every item's log-densities and responsibilities.
 */
final class DriverMixture {
  /** Sampling draws from its own stream of the seed, apart from EM's. */
  private static final long SAMPLE_STREAM = 0x5A4D504CL;

  /**
   * @param clusters K, 0 without a mixture
   * @param model the mixture, null without one
   * @param itemLogDensity items x K, {@code log N(v_i | mu_k, Sigma_k)}
   * @param itemResponsibilities items x K posteriors, for the user affinities
   * @param gmmLogWeights K, {@code log pi_k}
   * @param hyperparameters for the manifest, named as {@code bin/trainer train} names them
   */
  record Result(
      int clusters,
      GaussianMixtureModel model,
      float[] itemLogDensity,
      float[] itemResponsibilities,
      float[] gmmLogWeights,
      Map<String, Object> hyperparameters) {}

  private DriverMixture() {}

  static Result fit(
      float[] itemFactors, int items, int dimension, MixtureConfig config, long seed) {
    ClusteringConfig clustering = config.clustering();
    if (clustering.components() == 0) {
      return new Result(0, null, new float[0], new float[0], new float[0], Map.of("clusters", 0));
    }
    int fixed = clustering.components();
    int[] candidates = MixtureStep.candidates(fixed, clustering.candidates(), items);
    int rows = Math.min(items, config.sampleRows());
    float[] sample =
        rows == items ? itemFactors : sample(itemFactors, items, dimension, rows, seed);
    GmmConfig gmm =
        MixtureStep.gmmConfig(
            clustering, candidates[0], seed, Runtime.getRuntime().availableProcessors());
    Map<String, Object> hyper = new LinkedHashMap<>();
    GaussianMixtureModel model =
        MixtureStep.fit(sample, rows, dimension, fixed, candidates, gmm, EmProgress.NONE, hyper);
    int k = model.components();
    float[] logDensity = new float[items * k];
    model.logDensities(itemFactors, items, logDensity);
    float[] responsibilities = new float[items * k];
    model.responsibilities(itemFactors, items, responsibilities);
    float[] logWeights = MixtureStep.logWeights(model);
    MixtureStep.describeOptions(hyper, clustering);
    hyper.put("gmmSampleRows", rows);
    MixtureStep.describeFit(hyper, model);
    return new Result(k, model, logDensity, responsibilities, logWeights, hyper);
  }

  /** A seeded sample of {@code rows} rows in their original order (selection sampling). */
  static float[] sample(float[] data, int n, int dimension, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ SAMPLE_STREAM);
    float[] out = new float[rows * dimension];
    int taken = 0;
    for (int row = 0; row < n && taken < rows; row++) {
      // Take this row with probability (still needed) / (still left).
      if (random.nextInt(n - row) < rows - taken) {
        System.arraycopy(data, row * dimension, out, taken * dimension, dimension);
        taken++;
      }
    }
    return out;
  }
}
