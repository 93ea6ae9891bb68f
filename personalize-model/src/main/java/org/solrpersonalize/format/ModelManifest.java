package org.solrpersonalize.format;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code manifest.json} of a model directory. Example:
 *
 * <pre>{@code
 * {"formatVersion":1,"modelId":"m20261122-153012-3fa9c2","created":"2026-11-22T15:30:12Z",
 *  "modelType":"implicit-als","factors":64,"clusters":16,"covarianceType":"full",
 *  "users":2000,"items":20000,"contentItems":150,"seed":42,"inputFingerprint":"sha256:...",
 *  "foldIn":{"regularization":0.1,"alpha":20.0},
 *  "hyperparameters":{"iterations":15,"regularization":0.1,"alpha":20.0},
 *  "metrics":{"ndcg@10":0.21,"popularity.ndcg@10":0.05}}
 * }</pre>
 *
 * @param formatVersion layout version of the model directory; readers refuse other versions
 * @param modelId unique id of this model; written onto every catalog document and user profile
 * @param created ISO-8601 instant
 * @param modelType {@code implicit-als}, {@code explicit-als} or {@code explicit-sgd}
 * @param factors latent dimension k
 * @param clusters number of mixture components K (0 when no mixture was fitted)
 * @param covarianceType {@code full} or {@code diag}
 * @param users rows of the user arrays
 * @param items rows of the item arrays
 * @param contentItems how many of those rows, the last ones, are catalog items without interactions
 *     whose factors were predicted from their content ({@code train --catalog}); 0 when none, and
 *     in manifests written before this field
 * @param seed random seed the model was trained with
 * @param inputFingerprint hash of the interaction files, so a model can be traced to its data
 * @param foldIn what session fold-in needs; every model type the trainer writes has it. Read from
 *     {@code hyperparameters} ({@code regularization}, {@code alpha}) when a manifest written
 *     before this field lacks it; null when neither has it
 * @param hyperparameters every training parameter, by name (for people: code reads typed fields)
 * @param metrics holdout metrics by name, baselines prefixed with the baseline's name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(
    int formatVersion,
    String modelId,
    String created,
    String modelType,
    int factors,
    int clusters,
    String covarianceType,
    int users,
    int items,
    int contentItems,
    long seed,
    String inputFingerprint,
    FoldIn foldIn,
    Map<String, Object> hyperparameters,
    Map<String, Double> metrics) {

  public static final int CURRENT_FORMAT_VERSION = 1;

  /**
   * The ALS fold-in parameters of a model ({@link org.solrpersonalize.math.AlsFoldIn}): what the
   * plugin needs to turn an anonymous session's items into a user vector.
   *
   * @param regularization the L2 weight lambda the model was trained with (>= 0)
   * @param alpha confidence scale: an item of the session counts with confidence {@code 1 + alpha *
   *     weight}. Implicit models: the alpha they were trained with. Explicit models (ratings) have
   *     none and use {@link #EXPLICIT_ALPHA}: every session item then counts as much as any other
   *     item, and fold-in is a ridge regression of the session's items onto all item factors
   */
  public record FoldIn(double regularization, double alpha) {
    /** The alpha of explicit models: no confidence scale. */
    public static final double EXPLICIT_ALPHA = 0.0;

    public FoldIn {
      if (!(regularization >= 0) || Double.isInfinite(regularization)) {
        throw new IllegalArgumentException(
            "fold-in regularization must be a finite number >= 0, got " + regularization);
      }
      if (!(alpha >= 0) || Double.isInfinite(alpha)) {
        throw new IllegalArgumentException(
            "fold-in alpha must be a finite number >= 0, got " + alpha);
      }
    }
  }

  public ModelManifest {
    Objects.requireNonNull(modelId, "modelId");
    if (!modelId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "modelId must be 1-64 characters of [A-Za-z0-9._-], got '" + modelId + "'");
    }
    if (factors <= 0) {
      throw new IllegalArgumentException("factors must be positive, got " + factors);
    }
    if (clusters < 0) {
      throw new IllegalArgumentException("clusters must be >= 0, got " + clusters);
    }
    if (users < 0 || items < 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "users and items must be >= 0, got %d and %d", users, items));
    }
    if (contentItems < 0 || contentItems > items) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "contentItems must be in [0, items = %d], got %d", items, contentItems));
    }
    hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
    metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
    if (foldIn == null
        && hyperparameters.get("regularization") instanceof Number regularization
        && hyperparameters.get("alpha") instanceof Number alpha) {
      // A manifest from before the typed field: the same values, by name.
      foldIn = new FoldIn(regularization.doubleValue(), alpha.doubleValue());
    }
  }

  /** Rows of the item arrays trained on interactions: the first ones, before the content items. */
  public int trainedItems() {
    return items - contentItems;
  }

  /** A copy with other metrics. */
  public ModelManifest withMetrics(Map<String, Double> newMetrics) {
    return new ModelManifest(
        formatVersion,
        modelId,
        created,
        modelType,
        factors,
        clusters,
        covarianceType,
        users,
        items,
        contentItems,
        seed,
        inputFingerprint,
        foldIn,
        hyperparameters,
        newMetrics);
  }
}
