package org.solrpersonalize.trainer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>Its public static parts (the candidate check, the fit, the manifest entries) are the mixture
 * API the Spark engine shares, so that both engines choose, fit and describe a mixture alike.
 */
public final class MixtureStep {
  private MixtureStep() {}

  /**
   * @param contentItemFactors factors of items without interactions (rows after {@code
   *     itemFactors}): the mixture is fitted without them, then gives them log-densities too
   */
  static MixtureResult run(
      ClusteringConfig options,
      float[] itemFactors,
      float[] contentItemFactors,
      int dimension,
      CsrMatrix userItems,
      long seed,
      int threads,
      TrainingListener listener) {
    int fixed = options.components();
    CovarianceType covariance = options.covariance();
    if (fixed == 0) {
      return MixtureResult.none(covariance.option());
    }
    int items = itemFactors.length / dimension;
    int[] candidates = candidates(fixed, options.candidates(), items);
    GmmConfig config = gmmConfig(options, candidates[0], seed, threads);

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
      model = fit(itemFactors, items, dimension, fixed, candidates, config, progress, hyper);
    } finally {
      listener.onMixtureEnd();
    }
    int components = model.components();
    float[] logDensity = new float[items * components];
    model.logDensities(itemFactors, items, logDensity);
    int contentItems = contentItemFactors.length / dimension;
    if (contentItems > 0) {
      float[] contentLogDensity = new float[contentItems * components];
      model.logDensities(contentItemFactors, contentItems, contentLogDensity);
      logDensity = Arrays.copyOf(logDensity, (items + contentItems) * components);
      System.arraycopy(
          contentLogDensity, 0, logDensity, items * components, contentLogDensity.length);
    }
    float[] responsibilities = new float[items * components];
    model.responsibilities(itemFactors, items, responsibilities);
    float[] userLogAffinity =
        userLogAffinities(userItems, responsibilities, model, options.prior());
    float[] logWeights = logWeights(model);

    describeOptions(hyper, options);
    describeFit(hyper, model);
    return new MixtureResult(
        components,
        covariance.option(),
        logDensity,
        userLogAffinity,
        logWeights,
        hyper,
        model::writeJson);
  }

  /**
   * The component counts to try: {@code {fixed}} for a fixed K, else the candidates the data can
   * support (at most one component per item).
   *
   * @param fixed K, or {@link ClusteringConfig#AUTO} to choose by BIC among {@code candidates}
   * @throws BadInputException when no candidate fits {@code items}
   */
  public static int[] candidates(int fixed, List<Integer> candidates, int items) {
    // auto tries only the candidates the data can support; a fixed K must fit as given.
    int[] tried =
        fixed > 0
            ? new int[] {fixed}
            : candidates.stream().mapToInt(i -> i).filter(k -> k <= items).toArray();
    if (tried.length == 0 || tried[0] > items) {
      throw new BadInputException(
          String.format(
              Locale.ROOT,
              "--clusters %s needs at most %d components (the number of items)",
              fixed > 0 ? String.valueOf(fixed) : "auto with --cluster-candidates " + candidates,
              items));
    }
    return tried;
  }

  /**
   * Fits a fixed K ({@code fixed > 0}) or the best BIC among {@code candidates}, recording the BIC
   * per K in {@code hyper} as {@code bicByK} in the second case.
   *
   * @param rows row-major {@code rows x dimension} data to fit on
   */
  public static GaussianMixtureModel fit(
      float[] data,
      int rows,
      int dimension,
      int fixed,
      int[] candidates,
      GmmConfig config,
      EmProgress progress,
      Map<String, Object> hyper) {
    if (fixed > 0) {
      return GaussianMixtureEm.fit(data, rows, dimension, config, progress);
    }
    BicModelSelection.Result selected =
        BicModelSelection.selectWithScores(data, rows, dimension, candidates, config, progress);
    hyper.put("bicByK", selected.bicByK());
    return selected.model();
  }

  /**
   * Each user's {@code log theta_uk} from the items' responsibilities under {@code model}: see
   * {@link UserClusterAffinity#logAffinities}.
   *
   * @param userItems users x items training weights, in model order
   * @param responsibilities items x K posteriors from {@link GaussianMixtureModel#responsibilities}
   */
  public static float[] userLogAffinities(
      CsrMatrix userItems, float[] responsibilities, GaussianMixtureModel model, double prior) {
    return UserClusterAffinity.logAffinities(
        userItems.rows(),
        userItems.rowPtr(),
        userItems.cols(),
        userItems.vals(),
        responsibilities,
        model.weights(),
        prior);
  }

  /** {@code log pi_k} per component, in float as the model directory stores them. */
  public static float[] logWeights(GaussianMixtureModel model) {
    float[] logWeights = new float[model.components()];
    for (int c = 0; c < logWeights.length; c++) {
      logWeights[c] = (float) Math.log(model.weights()[c]);
    }
    return logWeights;
  }

  /**
   * The EM settings of {@code options} for a first fit of {@code components}.
   *
   * @throws BadInputException naming the setting EM refuses
   */
  public static GmmConfig gmmConfig(
      ClusteringConfig options, int components, long seed, int threads) {
    try {
      return new GmmConfig(
          components,
          options.covariance(),
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
  }

  /** The manifest's hyperparameters of the mixture options, named as {@code train} names them. */
  public static void describeOptions(Map<String, Object> hyper, ClusteringConfig options) {
    int fixed = options.components();
    hyper.put("clustersRequested", fixed > 0 ? String.valueOf(fixed) : "auto");
    hyper.put("covariance", options.covariance().option());
    hyper.put("gmmInit", options.init());
    hyper.put("nInit", options.nInit());
    hyper.put("regCovar", options.regCovar());
    hyper.put("maxIterations", options.maxIterations());
    hyper.put("tolerance", options.tolerance());
    hyper.put("clusterPrior", options.prior());
  }

  /** The manifest's entries on how the fit went. */
  public static void describeFit(Map<String, Object> hyper, GaussianMixtureModel model) {
    hyper.put("gmmIterations", model.iterations());
    hyper.put("gmmConverged", model.converged());
    hyper.put("gmmLowerBound", model.lowerBound());
  }
}
