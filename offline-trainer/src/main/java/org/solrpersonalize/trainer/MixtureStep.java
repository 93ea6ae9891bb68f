package org.solrpersonalize.trainer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.gmm.BicModelSelection;
import org.solrpersonalize.trainer.gmm.CovarianceType;
import org.solrpersonalize.trainer.gmm.EmProgress;
import org.solrpersonalize.trainer.gmm.GaussianMixtureEm;
import org.solrpersonalize.trainer.gmm.GaussianMixtureModel;
import org.solrpersonalize.trainer.gmm.GmmConfig;
import org.solrpersonalize.trainer.gmm.UserClusterAffinity;

/**
 * Fits the Gaussian mixture over the item factors (a fixed K, or the best BIC among candidates),
 * then derives each item's K log-densities and each user's log cluster affinities from the training
 * interactions.
 */
final class MixtureStep {
  private MixtureStep() {}

  static MixtureResult run(
      ClusteringConfig options,
      float[] itemFactors,
      int dimension,
      CsrMatrix userItems,
      long seed,
      int threads,
      TrainingListener listener) {
    int fixed = options.components();
    CovarianceType covariance = options.covariance();
    if (fixed == 0) {
      return MixtureResult.none(covariance.label());
    }
    int items = itemFactors.length / dimension;
    // auto tries only the candidates the data can support; a fixed K must fit as given.
    int[] candidates =
        fixed > 0
            ? new int[] {fixed}
            : options.candidates().stream().mapToInt(i -> i).filter(k -> k <= items).toArray();
    if (candidates.length == 0 || candidates[0] > items) {
      throw new BadInputException(
          String.format(
              Locale.ROOT,
              "--clusters %s needs at most %d components (the number of items)",
              fixed > 0
                  ? String.valueOf(fixed)
                  : "auto with --cluster-candidates " + options.candidates(),
              items));
    }
    GmmConfig config;
    try {
      config =
          new GmmConfig(
              candidates[0],
              covariance,
              options.maxIterations(),
              options.tolerance(),
              options.regCovar(),
              options.nInit(),
              seed,
              threads,
              options.initMethod());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }

    Map<String, Object> hyper = new LinkedHashMap<>();
    GaussianMixtureModel model;
    EmProgress progress =
        new EmProgress() {
          @Override
          public void onFit(int components) {
            listener.onMixtureFit(components, options.maxIterations());
          }

          @Override
          public void onIteration(int run, int iteration, double meanLogLikelihood) {
            listener.onMixtureIteration(run, iteration, meanLogLikelihood);
          }
        };
    try {
      if (fixed > 0) {
        model = GaussianMixtureEm.fit(itemFactors, items, dimension, config, progress);
      } else {
        BicModelSelection.Result selected =
            BicModelSelection.selectWithScores(
                itemFactors, items, dimension, candidates, config, progress);
        model = selected.model();
        hyper.put("bicByK", selected.bicByK());
      }
    } finally {
      listener.onMixtureEnd();
    }
    int components = model.components();
    float[] logDensity = new float[items * components];
    model.logDensities(itemFactors, items, logDensity);
    float[] responsibilities = new float[items * components];
    model.responsibilities(itemFactors, items, responsibilities);
    float[] userLogAffinity =
        UserClusterAffinity.logAffinities(
            userItems.rows(),
            userItems.rowPtr(),
            userItems.cols(),
            userItems.vals(),
            responsibilities,
            model.weights(),
            options.prior());
    float[] logWeights = new float[components];
    for (int c = 0; c < components; c++) {
      logWeights[c] = (float) Math.log(model.weights()[c]);
    }

    hyper.put("clustersRequested", fixed > 0 ? String.valueOf(fixed) : "auto");
    hyper.put("covariance", covariance.label());
    hyper.put("gmmInit", options.init());
    hyper.put("nInit", options.nInit());
    hyper.put("regCovar", options.regCovar());
    hyper.put("maxIterations", options.maxIterations());
    hyper.put("tolerance", options.tolerance());
    hyper.put("clusterPrior", options.prior());
    hyper.put("gmmIterations", model.iterations());
    hyper.put("gmmConverged", model.converged());
    hyper.put("gmmLowerBound", model.lowerBound());
    return new MixtureResult(
        components,
        covariance.label(),
        logDensity,
        userLogAffinity,
        logWeights,
        hyper,
        model::writeJson);
  }
}
