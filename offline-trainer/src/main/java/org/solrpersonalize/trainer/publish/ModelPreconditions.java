package org.solrpersonalize.trainer.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.math.AlsFoldIn;

/**
 * What a model must satisfy before publish writes anything: every value finite (one NaN item turns
 * a whole window's normalized part into 0, and NaN documents float to the top under {@code
 * norm=none}), every id one Solr term, and fold-in parameters present. A refusal names the file and
 * the first bad row's id.
 */
final class ModelPreconditions {
  /** Characters of an over-long id quoted in a message. */
  private static final int QUOTED_ID_CHARS = 40;

  private ModelPreconditions() {}

  /**
   * Checks {@code model} and returns its fold-in Gram matrix {@code Y^T Y} as float32 (k x k,
   * row-major), the one derived value publish stores, checked finite too.
   *
   * @throws PublishRefusedException naming the first problem
   */
  static float[] check(ModelDirectory.Model model) {
    String modelId = model.manifest().modelId();
    if (model.manifest().foldIn() == null) {
      throw refused(
          modelId,
          "manifest.json has no fold-in parameters (foldIn, or numeric hyperparameters"
              + " 'regularization' and 'alpha'); session fold-in needs them: retrain with this"
              + " version of the trainer");
    }
    checkIds(modelId, ModelDirectory.USER_IDS, "user", model.userIds(), maxUserIdBytes(modelId));
    checkIds(
        modelId,
        ModelDirectory.ITEM_IDS,
        "item",
        model.itemIds(),
        UsersStoreDocuments.MAX_TERM_BYTES);
    int k = model.k();
    int clusters = model.clusters();
    checkFinite(
        modelId, ModelDirectory.USER_FACTORS, model.userFactors(), k, "user", model.userIds());
    checkFinite(
        modelId, ModelDirectory.ITEM_FACTORS, model.itemFactors(), k, "item", model.itemIds());
    checkFinite(
        modelId,
        ModelDirectory.ITEM_LOG_DENSITY,
        model.itemLogDensity(),
        clusters,
        "item",
        model.itemIds());
    checkFinite(
        modelId,
        ModelDirectory.USER_LOG_AFFINITY,
        model.userLogAffinity(),
        clusters,
        "user",
        model.userIds());
    float[] logWeights = model.gmmLogWeights();
    for (int c = 0; c < logWeights.length; c++) {
      if (!Float.isFinite(logWeights[c])) {
        throw refused(
            modelId,
            String.format(
                Locale.ROOT,
                "%s holds %s for component %d",
                ModelDirectory.GMM_LOG_WEIGHTS,
                logWeights[c],
                c));
      }
    }
    return foldInGram(model);
  }

  /** The longest user id a profile of {@code modelId} can carry, in UTF-8 bytes. */
  private static int maxUserIdBytes(String modelId) {
    return UsersStoreDocuments.maxUserIdBytes(modelId);
  }

  private static void checkIds(
      String modelId, String file, String kind, List<String> ids, int maxBytes) {
    for (int row = 0; row < ids.size(); row++) {
      String id = ids.get(row);
      // UTF-8 takes at most 3 bytes per char: only long ids need encoding
      if (id.length() * 3L > maxBytes) {
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
          throw refused(
              modelId,
              String.format(
                  Locale.ROOT,
                  "the %s id on line %d of %s ('%s...') has %,d UTF-8 bytes; Solr indexes at most"
                      + " %,d bytes per term (%,d for a %s id under this model)",
                  kind,
                  row + 1,
                  file,
                  id.substring(0, Math.min(QUOTED_ID_CHARS, id.length())),
                  bytes,
                  UsersStoreDocuments.MAX_TERM_BYTES,
                  maxBytes,
                  kind));
        }
      }
    }
  }

  private static void checkFinite(
      String modelId, String file, float[] values, int width, String kind, List<String> ids) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        int row = i / width;
        throw refused(
            modelId,
            String.format(
                Locale.ROOT,
                "%s holds %s in row %d (%s '%s'), column %d",
                file,
                values[i],
                row,
                kind,
                ids.get(row),
                i % width));
      }
    }
  }

  private static float[] foldInGram(ModelDirectory.Model model) {
    int k = model.k();
    // Y^T Y of the items ALS trained: content-predicted rows took no part in the user factors.
    float[] trained = model.itemFactors();
    if (model.manifest().contentItems() > 0) {
      trained = Arrays.copyOf(trained, model.manifest().trainedItems() * k);
    }
    double[] gram = AlsFoldIn.gram(trained, k);
    float[] stored = new float[gram.length];
    for (int i = 0; i < gram.length; i++) {
      stored[i] = (float) gram[i];
      if (!Float.isFinite(stored[i])) {
        int largest = largestRow(model.itemFactors(), k);
        throw refused(
            modelId(model),
            String.format(
                Locale.ROOT,
                "the fold-in Gram matrix Y^T Y of %s overflows float32 at (%d, %d): %s; its largest"
                    + " row is %d (item '%s')",
                ModelDirectory.ITEM_FACTORS,
                i / k,
                i % k,
                gram[i],
                largest,
                model.itemIds().get(largest)));
      }
    }
    return stored;
  }

  private static int largestRow(float[] factors, int k) {
    int largest = 0;
    double largestNorm = -1;
    for (int row = 0; row * k < factors.length; row++) {
      double norm = 0;
      for (int j = 0; j < k; j++) {
        norm += (double) factors[row * k + j] * factors[row * k + j];
      }
      if (norm > largestNorm) {
        largestNorm = norm;
        largest = row;
      }
    }
    return largest;
  }

  private static String modelId(ModelDirectory.Model model) {
    return model.manifest().modelId();
  }

  private static PublishRefusedException refused(String modelId, String problem) {
    return new PublishRefusedException(
        String.format(
            Locale.ROOT,
            "model %s: %s; nothing was written, the active model is unchanged",
            modelId,
            problem));
  }
}
