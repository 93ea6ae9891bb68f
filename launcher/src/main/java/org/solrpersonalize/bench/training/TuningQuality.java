package org.solrpersonalize.bench.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.solrpersonalize.trainer.ClusteringConfig;
import org.solrpersonalize.trainer.ColdItemEvaluation;
import org.solrpersonalize.trainer.ColdItemReport;
import org.solrpersonalize.trainer.HoldoutConfig;
import org.solrpersonalize.trainer.TrainedModel;
import org.solrpersonalize.trainer.Trainer;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.TrainingListener;
import org.solrpersonalize.trainer.content.ContentConfig;
import org.solrpersonalize.trainer.data.Catalog;
import org.solrpersonalize.trainer.data.CatalogLoader;
import org.solrpersonalize.trainer.data.InteractionLoader;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.data.LoadOptions;
import org.solrpersonalize.trainer.demo.DemoDataset;
import org.solrpersonalize.trainer.eval.SplitMode;
import org.solrpersonalize.trainer.tuning.TuningConfig;
import org.solrpersonalize.trainer.tuning.TuningReport;

/**
 * The benchmark's quality section: NDCG@10 on a seeded 20% random holdout of the generated shop
 * ({@code bin/trainer generate}), with the measured defaults (regularization 100, alpha 5) and with
 * {@code train}'s automatic tuning, and what the tuning cost in fits; then the cold-item figures of
 * {@code evaluate --cold-items 0.1} on the same shop ({@link ColdItemEvaluation}: content-predicted
 * factors against a random order and category popularity).
 */
public final class TuningQuality {
  /**
   * @param users NDCG@10 over this many users
   * @param interactions events of the generated log
   * @param defaultNdcg with {@code --regularization 100 --alpha 5}
   * @param tunedNdcg with {@code --regularization auto --alpha auto} (tuned)
   * @param popularityNdcg the popularity baseline
   * @param regularization chosen by the tuning
   * @param alpha chosen by the tuning
   * @param points tried by the tuning
   * @param fits the tuning's cost in fits, the final fit included
   * @param budget fits allowed
   * @param coldItems {@link #COLD_ITEM_FRACTION} of the products with interactions held out
   *     entirely and ranked from {@link #CONTENT_FIELDS}, trained with the tuned regularization and
   *     alpha
   */
  public record Result(
      int users,
      long interactions,
      double defaultNdcg,
      double tunedNdcg,
      double popularityNdcg,
      double regularization,
      double alpha,
      int points,
      double fits,
      int budget,
      ColdItemReport coldItems) {}

  /** As the README's cold-item table: 10% of the products held out. */
  public static final double COLD_ITEM_FRACTION = 0.1;

  /** The generated catalog's content fields (title tokens, categorical category and brand). */
  public static final List<String> CONTENT_FIELDS = List.of("title", "category", "brand");

  private TuningQuality() {}

  /** Generates the shop into {@code dir} and trains it twice. */
  public static Result measure(
      Path dir, int products, int users, int factors, int iterations, int threads, long seed)
      throws IOException {
    DemoDataset shop = DemoDataset.generate(dir, products, users, seed);
    Interactions data =
        new InteractionLoader(LoadOptions.DEFAULT, line -> {})
            .load(List.of(shop.interactionsFile()), bytes -> {});
    TrainingConfig base =
        TrainingConfig.builder()
            .factors(factors)
            .iterations(iterations)
            .threads(threads)
            .seed(seed)
            .clustering(ClusteringConfig.NONE)
            .holdout(
                new HoldoutConfig(
                    0.2, SplitMode.RANDOM, HoldoutConfig.DEFAULT_AT, HoldoutConfig.NO_KNN_BASELINE))
            .build();
    TrainedModel defaults = Trainer.fit(data, base, TrainingListener.NONE);
    TrainedModel tuned =
        Trainer.fit(
            data,
            base.toBuilder().tuning(TuningConfig.auto(true, true)).build(),
            TrainingListener.NONE);
    TuningReport tuning = tuned.tuning();
    ColdItemReport coldItems =
        coldItems(
            shop,
            data,
            base.toBuilder()
                .regularization(tuned.manifest().foldIn().regularization())
                .alpha(tuned.manifest().foldIn().alpha())
                .build());
    return new Result(
        tuned.evaluation().ranking().users(),
        data.userItems().nnz(),
        defaults.evaluation().ranking().ndcg(),
        tuned.evaluation().ranking().ndcg(),
        tuned.evaluation().popularity().ndcg(),
        tuned.manifest().foldIn().regularization(),
        tuned.manifest().foldIn().alpha(),
        tuning.points().size(),
        tuning.fitsSpent(),
        tuning.budget(),
        coldItems);
  }

  private static ColdItemReport coldItems(DemoDataset shop, Interactions data, TrainingConfig fit)
      throws IOException {
    Catalog catalog =
        new CatalogLoader("id", CONTENT_FIELDS, LoadOptions.DEFAULT, line -> {})
            .load(shop.catalogFile());
    return ColdItemEvaluation.evaluate(
        data,
        fit.toBuilder().content(ContentConfig.of(catalog, CONTENT_FIELDS)).build(),
        COLD_ITEM_FRACTION,
        HoldoutConfig.DEFAULT_AT,
        TrainingListener.NONE);
  }
}
