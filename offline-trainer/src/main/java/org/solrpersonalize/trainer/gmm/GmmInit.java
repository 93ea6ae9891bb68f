package org.solrpersonalize.trainer.gmm;

import org.solrpersonalize.trainer.data.LowerCaseChoice;

/**
 * How an EM run finds its starting centres ({@code --gmm-init}); EM then starts from one M-step on
 * the hard assignment of every row to its nearest centre.
 */
public enum GmmInit implements LowerCaseChoice {
  /**
   * k-means++ seeds, then Lloyd's iterations to convergence, as scikit-learn's {@code
   * init_params='kmeans'}: the default. {@link KMeansLloyd#RESTARTS} says why one k-means run. On
   * the item factors of a MovieLens model (ml-latest-small, 9,066 x 64, K = 16, diag, seeds 42 to
   * 45) EM from k-means++ seeds ended at mean log-likelihoods 147.9, 140.0, 139.6 and 140.2 (mean
   * 141.9, 102 to 134 iterations), from k-means at 153.2, 151.5, 148.6 and 147.3 (mean 150.2, 83 to
   * 128 iterations); scikit-learn 1.2 with random_state 0 to 3: 149.7, 149.0, 155.6 and 139.7 (mean
   * 148.5).
   */
  KMEANS("kmeans"),
  /** k-means++ seeds only (the trainer's method before k-means). */
  KMEANS_PLUS_PLUS("kmeans++"),
  /** K distinct rows drawn uniformly. */
  RANDOM("random");

  private final String option;

  GmmInit(String option) {
    this.option = option;
  }

  /** The spelling of {@code --gmm-init} and of the manifest. */
  @Override
  public String option() {
    return option;
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static GmmInit parse(String text) {
    return LowerCaseChoice.parse(
        GmmInit.class, "--gmm-init", GmmInit::option, text, IllegalArgumentException::new);
  }
}
