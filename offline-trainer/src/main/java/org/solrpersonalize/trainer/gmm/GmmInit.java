package org.solrpersonalize.trainer.gmm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an EM run finds its starting centres ({@code --gmm-init}); EM then starts from one M-step on
 * the hard assignment of every row to its nearest centre.
 */
public enum GmmInit {
  /**
   * k-means++ seeds, then Lloyd's iterations to convergence, as scikit-learn's {@code
   * init_params='kmeans'}: the default, since EM from converged centres converges in fewer
   * iterations to a higher likelihood (diag on MovieLens factors: see {@link GaussianMixtureEm}).
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
  public String option() {
    return option;
  }

  /**
   * @throws IllegalArgumentException naming the accepted values
   */
  public static GmmInit parse(String text) {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (GmmInit init : values()) {
      if (init.option.equals(wanted)) {
        return init;
      }
    }
    throw new IllegalArgumentException(
        "--gmm-init must be one of "
            + Arrays.stream(values()).map(GmmInit::option).collect(Collectors.joining("|"))
            + ", got '"
            + text
            + "'");
  }
}
