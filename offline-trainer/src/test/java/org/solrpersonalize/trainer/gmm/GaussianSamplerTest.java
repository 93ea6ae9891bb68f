package org.solrpersonalize.trainer.gmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianSamplerTest {
  @Test
  void aRowIsTheMeanPlusTheLowerFactorTimesTheNextNormals() {
    double[] mean = {1, -2};
    double[] lower = {2, 99, 0.5, 3}; // the 99 above the diagonal is never read
    SplittableRandom same = new SplittableRandom(7);
    double e0 = GaussianSampler.standardNormal(same);
    double e1 = GaussianSampler.standardNormal(same);
    float[] out = new float[5];
    GaussianSampler.drawRow(new SplittableRandom(7), mean, lower, new double[2], out, 3);
    assertArrayEquals(
        new float[] {0, 0, 0, (float) (1 + 2 * e0), (float) (-2 + 0.5 * e0 + 3 * e1)}, out);
  }
}
