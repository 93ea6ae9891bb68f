package org.solrpersonalize.synthetic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;

/** Models with seeded random factors: what publish writes does not depend on how they were fit. */
public final class SyntheticModels {
  private SyntheticModels() {}

  public static ModelDirectory.Model model(
      String modelId, List<String> items, List<String> users, int k, int clusters, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ModelManifest manifest =
        new ModelManifest(
            ModelManifest.CURRENT_FORMAT_VERSION,
            modelId,
            Instant.parse("2026-11-23T10:00:00Z").toString(),
            "implicit-als",
            k,
            clusters,
            "full",
            users.size(),
            items.size(),
            0,
            seed,
            "sha256:test",
            new ModelManifest.FoldIn(0.1, 10.0),
            Map.of("regularization", 0.1, "alpha", 10.0, "iterations", 15),
            Map.of());
    float[] logWeights = new float[clusters];
    java.util.Arrays.fill(logWeights, (float) -Math.log(clusters));
    return new ModelDirectory.Model(
        manifest,
        users,
        items,
        gaussian(random, users.size() * k),
        gaussian(random, items.size() * k),
        logDensities(random, items.size() * clusters),
        logDensities(random, users.size() * clusters),
        logWeights,
        null);
  }

  public static List<String> ids(String prefix, int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ids.add(prefix + i);
    }
    return ids;
  }

  private static float[] gaussian(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      // Box-Muller keeps this independent of java.util.Random's algorithm.
      double u1 = random.nextDouble(Double.MIN_VALUE, 1.0);
      double u2 = random.nextDouble();
      v[i] = (float) (0.3 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    return v;
  }

  private static float[] logDensities(SplittableRandom random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (-60 + 20 * random.nextDouble());
    }
    return v;
  }
}
