package org.solrpersonalize.trainer.gmm;

import java.util.SplittableRandom;

/**
 * Seeded draws from Gaussians given by a mean and a lower Cholesky factor: the planted mixtures of
 * the tests and the synthetic factors of {@code bin/bench}. Normals come from Box-Muller over
 * {@link SplittableRandom#nextDouble}, a sequence that never changes with the JDK (unlike {@code
 * nextGaussian}), so seeded data and the numbers expected from them stay the same.
 */
public final class GaussianSampler {
  private GaussianSampler() {}

  /** One N(0, 1) value; uses two {@code nextDouble} calls. */
  public static double standardNormal(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Writes one row {@code mean + L e}, e drawn from N(0, I), into {@code out[offset .. offset +
   * d)}.
   *
   * @param lower L, d x d row-major; only its lower triangle is read
   * @param scratch d values, overwritten with e
   */
  public static void drawRow(
      SplittableRandom random,
      double[] mean,
      double[] lower,
      double[] scratch,
      float[] out,
      int offset) {
    int d = mean.length;
    for (int j = 0; j < d; j++) {
      scratch[j] = standardNormal(random);
    }
    for (int j = 0; j < d; j++) {
      double v = mean[j];
      for (int m = 0; m <= j; m++) {
        v += lower[j * d + m] * scratch[m];
      }
      out[offset + j] = (float) v;
    }
  }
}
