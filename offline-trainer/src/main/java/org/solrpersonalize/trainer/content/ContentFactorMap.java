package org.solrpersonalize.trainer.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.concurrent.RowBlocks;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.Catalog;
import org.solrpersonalize.trainer.random.FisherYates;

/**
 * Learns a map from catalog content to item factors on the items that have interactions, then
 * predicts factors for the catalog items that have none (hybrid content + collaborative filtering:
 * a new product gets a place in factor space on its first day). Ridge regression ({@link
 * RidgeRegression}); its lambda, unless given, is the one with the lowest squared error on a seeded
 * validation part of the items with interactions.
 *
 * <pre>{@code
 * ContentFactorMap.Prediction cold =
 *     ContentFactorMap.predict(ContentConfig.of(catalog, List.of("title", "genres")),
 *         model.itemIds(), model.itemFactors(), k, 42, 2);
 * }</pre>
 */
public final class ContentFactorMap {
  private ContentFactorMap() {}

  /**
   * What the map predicted.
   *
   * @param itemIds the catalog items without interactions, in catalog order
   * @param factors their predicted factors, {@code itemIds.size() x k}
   * @param hyperparameters for the manifest: fields, feature count, hashing, lambda and the
   *     validation error per lambda tried
   */
  public record Prediction(
      List<String> itemIds, float[] factors, Map<String, Object> hyperparameters) {}

  /**
   * @param knownIds the items with factors (rows of {@code knownFactors})
   * @param knownFactors {@code knownIds.size() x k}
   * @param threads the candidate lambdas are solved in parallel (each on one thread, so the result
   *     does not depend on the count)
   * @throws BadInputException when fewer than two catalog items have interactions
   */
  public static Prediction predict(
      ContentConfig config,
      List<String> knownIds,
      float[] knownFactors,
      int k,
      long seed,
      int threads) {
    Map<String, Integer> knownRows = new HashMap<>(knownIds.size() * 2);
    for (int i = 0; i < knownIds.size(); i++) {
      knownRows.put(knownIds.get(i), i);
    }
    List<Catalog.Item> known = new ArrayList<>();
    List<Catalog.Item> cold = new ArrayList<>();
    List<Integer> knownFactorRows = new ArrayList<>();
    for (Catalog.Item item : config.catalog().items()) {
      Integer row = knownRows.get(item.id());
      if (row == null) {
        cold.add(item);
      } else {
        known.add(item);
        knownFactorRows.add(row);
      }
    }
    if (known.size() < 2) {
      throw new BadInputException(
          String.format(
              Locale.ROOT,
              "--catalog shares %d item(s) with the interactions; the content map needs at"
                  + " least 2 items with both content and interactions",
              known.size()));
    }
    ContentFeatures features = ContentFeatures.build(config, known);
    List<ContentFeatures.SparseRow> rows = new ArrayList<>(known.size());
    float[] targets = new float[known.size() * k];
    for (int i = 0; i < known.size(); i++) {
      rows.add(features.encode(known.get(i)));
      System.arraycopy(knownFactors, knownFactorRows.get(i) * k, targets, i * k, k);
    }
    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("contentFields", String.join(",", config.fields()));
    hyper.put("contentCatalogFingerprint", config.catalog().fingerprint());
    hyper.put("contentTrainingItems", known.size());
    hyper.put("contentFeatures", features.dimension());
    hyper.put("contentHashed", features.hashed());
    double lambda = config.regularization();
    if (lambda == ContentConfig.AUTO) {
      Map<String, Double> errors =
          validationErrors(config, rows, targets, k, features, seed, threads);
      lambda = Double.parseDouble(bestKey(errors));
      hyper.put("contentValidationMseByRegularization", errors);
    }
    hyper.put("contentRegularization", lambda);
    RidgeRegression.LinearMap map =
        new RidgeRegression(rows, targets, features.dimension(), k).solve(lambda);
    float[] predicted = new float[cold.size() * k];
    List<String> ids = new ArrayList<>(cold.size());
    for (int i = 0; i < cold.size(); i++) {
      map.predict(features.encode(cold.get(i)), predicted, i * k);
      ids.add(cold.get(i).id());
    }
    return new Prediction(ids, predicted, hyper);
  }

  /** Mean squared error on a seeded validation part of the rows, per candidate lambda. */
  private static Map<String, Double> validationErrors(
      ContentConfig config,
      List<ContentFeatures.SparseRow> rows,
      float[] targets,
      int k,
      ContentFeatures features,
      long seed,
      int threads) {
    int n = rows.size();
    int[] order = FisherYates.permutation(n, new SplittableRandom(seed ^ 0x636f6e74656e74L));
    int validation =
        Math.max(1, Math.min(n - 1, (int) Math.round(n * config.validationFraction())));
    List<ContentFeatures.SparseRow> fitRows = new ArrayList<>();
    float[] fitTargets = new float[(n - validation) * k];
    for (int i = validation; i < n; i++) {
      fitRows.add(rows.get(order[i]));
      System.arraycopy(targets, order[i] * k, fitTargets, (i - validation) * k, k);
    }
    RidgeRegression equations = new RidgeRegression(fitRows, fitTargets, features.dimension(), k);
    List<Double> candidates = ContentConfig.REGULARIZATION_CANDIDATES;
    double[] mse;
    try (RowBlocks blocks = new RowBlocks(threads)) {
      mse =
          blocks.run(
              candidates.size(),
              1,
              () -> new float[k],
              (from, to, predicted) -> {
                RidgeRegression.LinearMap map = equations.solve(candidates.get(from));
                double sum = 0;
                for (int i = 0; i < validation; i++) {
                  map.predict(rows.get(order[i]), predicted, 0);
                  for (int j = 0; j < k; j++) {
                    double e = predicted[j] - targets[order[i] * k + j];
                    sum += e * e;
                  }
                }
                return sum / validation;
              });
    }
    Map<String, Double> errors = new LinkedHashMap<>();
    for (int c = 0; c < candidates.size(); c++) {
      errors.put(String.valueOf(candidates.get(c)), mse[c]);
    }
    return errors;
  }

  private static String bestKey(Map<String, Double> errors) {
    String best = null;
    for (Map.Entry<String, Double> e : errors.entrySet()) {
      if (best == null || e.getValue() < errors.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }
}
