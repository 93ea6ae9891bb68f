package org.solrpersonalize.trainer.gmm;

/** Fits a {@link GaussianMixtureModel} by expectation-maximisation. */
public final class GaussianMixtureEm {
  private GaussianMixtureEm() {}

  public static GaussianMixtureModel fit(
      float[] data, int n, int d, GmmConfig config, EmProgress progress) {
    throw new UnsupportedOperationException("not yet");
  }
}
