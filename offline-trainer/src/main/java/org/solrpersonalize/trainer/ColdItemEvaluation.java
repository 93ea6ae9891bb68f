package org.solrpersonalize.trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.trainer.content.ContentConfig;
import org.solrpersonalize.trainer.data.BadInputException;
import org.solrpersonalize.trainer.data.Catalog;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.eval.RankingMetrics;
import org.solrpersonalize.trainer.random.FisherYates;

/**
 * {@code evaluate --cold-items F}: how well content-predicted factors rank items nobody has
 * touched. A seeded fraction of the catalog's items that have interactions is held out entirely
 * (every interaction with them removed), the model is trained on the rest with the content map, and
 * each user who interacted with held-out items ranks all held-out items by the dot product of their
 * factors and the items' predicted factors. NDCG at the cutoff, with the user's held-out items as
 * relevant, is compared with a random order and with category popularity (an item scores the mean
 * training interactions per item of its most popular categorical value).
 */
public final class ColdItemEvaluation {
  private ColdItemEvaluation() {}

  /**
   * @param config with a {@link TrainingConfig#content()}; its holdout and mixture are ignored
   * @param fraction of the items with interactions and content, in (0, 1)
   * @param at the NDCG cutoff
   */
  public static ColdItemReport evaluate(
      Interactions data,
      TrainingConfig config,
      double fraction,
      int at,
      TrainingListener listener) {
    ContentConfig content = config.content();
    checkFraction(fraction, content);
    Map<String, Integer> catalogRows = content.catalog().rows();
    int[] withContent =
        IntStream.range(0, data.items())
            .filter(i -> catalogRows.containsKey(data.itemIds().get(i)))
            .toArray();
    FisherYates.shuffle(withContent, new SplittableRandom(config.seed() ^ 0x636f6c64L));
    int heldOut = (int) Math.round(withContent.length * fraction);
    if (heldOut < 1 || heldOut > withContent.length - 2) {
      throw new BadInputException(
          String.format(
              Locale.ROOT,
              "--cold-items %s holds out %d of the %d items with content; it must leave at least"
                  + " one held out and two to learn from",
              fraction,
              heldOut,
              withContent.length));
    }
    // New item index of every item: held-out ones get 0..heldOut-1 in the test space, others a
    // column of the training matrix.
    int[] testIndex = new int[data.items()];
    Arrays.fill(testIndex, -1);
    List<String> heldOutIds = new ArrayList<>(heldOut);
    for (int h = 0; h < heldOut; h++) {
      testIndex[withContent[h]] = h;
      heldOutIds.add(data.itemIds().get(withContent[h]));
    }
    int[] trainIndex = new int[data.items()];
    List<String> trainIds = new ArrayList<>();
    for (int i = 0; i < data.items(); i++) {
      trainIndex[i] = testIndex[i] >= 0 ? -1 : trainIds.size();
      if (testIndex[i] < 0) {
        trainIds.add(data.itemIds().get(i));
      }
    }
    Interactions train = withoutItems(data, trainIndex, trainIds);
    TrainingConfig fitConfig =
        config.toBuilder().holdout(null).clustering(ClusteringConfig.NONE).build();
    TrainedModel model = Trainer.fit(train, fitConfig, listener);
    ModelDirectory.Model dir = model.directory();
    int k = dir.k();
    Map<String, Integer> modelRows = new HashMap<>();
    for (int i = 0; i < dir.itemIds().size(); i++) {
      modelRows.put(dir.itemIds().get(i), i);
    }
    float[] heldOutFactors = new float[heldOut * k];
    for (int h = 0; h < heldOut; h++) {
      System.arraycopy(
          dir.itemFactors(), modelRows.get(heldOutIds.get(h)) * k, heldOutFactors, h * k, k);
    }
    double[] categoryScores = categoryPopularity(content, train, heldOutIds, catalogRows);
    // The same for every user: ranked once.
    int[] categoryRanking = categoryScores == null ? null : ranked(categoryScores, at);

    CsrMatrix userItems = data.userItems();
    CsrMatrix trainUserItems = train.userItems();
    double[] sums = new double[3];
    int users = 0;
    int[] relevant = new int[heldOut];
    double[] metrics = new double[RankingMetrics.COUNT];
    double[] scores = new double[heldOut];
    for (int u = 0; u < data.users(); u++) {
      if (trainUserItems.rowPtr()[u + 1] == trainUserItems.rowPtr()[u]) {
        continue; // no training interactions, so no factors to rank with
      }
      int count = 0;
      for (int p = userItems.rowPtr()[u]; p < userItems.rowPtr()[u + 1]; p++) {
        int h = testIndex[userItems.cols()[p]];
        if (h >= 0) {
          relevant[count++] = h;
        }
      }
      if (count == 0) {
        continue;
      }
      Arrays.sort(relevant, 0, count);
      for (int h = 0; h < heldOut; h++) {
        double dot = 0;
        for (int j = 0; j < k; j++) {
          dot += (double) dir.userFactors()[u * k + j] * heldOutFactors[h * k + j];
        }
        scores[h] = dot;
      }
      sums[0] += ndcg(ranked(scores, at), at, relevant, count, metrics);
      int[] random = FisherYates.permutation(heldOut, new SplittableRandom(config.seed() * 31 + u));
      sums[1] += ndcg(random, at, relevant, count, metrics);
      if (categoryRanking != null) {
        sums[2] += ndcg(categoryRanking, at, relevant, count, metrics);
      }
      users++;
    }
    if (users == 0) {
      throw new BadInputException("no user with training interactions touched a held-out item");
    }
    Map<String, Object> contentSettings = new LinkedHashMap<>();
    model.manifest().hyperparameters().entrySet().stream()
        .filter(e -> e.getKey().startsWith("content"))
        .forEach(e -> contentSettings.put(e.getKey(), e.getValue()));
    return new ColdItemReport(
        fraction,
        config.seed(),
        heldOut,
        users,
        at,
        sums[0] / users,
        sums[1] / users,
        categoryScores == null ? null : sums[2] / users,
        contentSettings);
  }

  /**
   * @throws BadInputException unless {@code fraction} is in (0, 1) and there is a content config
   */
  public static void checkFraction(double fraction, ContentConfig content) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new BadInputException("--cold-items must be in (0, 1), got " + fraction);
    }
    if (content == null) {
      throw new BadInputException("--cold-items needs --catalog and --content-fields");
    }
  }

  private static double ndcg(int[] ranked, int at, int[] relevant, int count, double[] metrics) {
    RankingMetrics.compute(ranked, Math.min(at, ranked.length), at, relevant, 0, count, metrics, 0);
    return metrics[RankingMetrics.NDCG];
  }

  /** The interactions without the held-out items, columns renumbered by {@code trainIndex}. */
  private static Interactions withoutItems(
      Interactions data, int[] trainIndex, List<String> trainIds) {
    CsrMatrix m = data.userItems();
    int kept = 0;
    for (int p = 0; p < m.nnz(); p++) {
      if (trainIndex[m.cols()[p]] >= 0) {
        kept++;
      }
    }
    int[] users = new int[kept];
    int[] items = new int[kept];
    float[] weights = new float[kept];
    long[] times = data.timestamps() == null ? null : new long[kept];
    int e = 0;
    for (int u = 0; u < m.rows(); u++) {
      for (int p = m.rowPtr()[u]; p < m.rowPtr()[u + 1]; p++) {
        int column = trainIndex[m.cols()[p]];
        if (column >= 0) {
          users[e] = u;
          items[e] = column;
          weights[e] = m.vals()[p];
          if (times != null) {
            times[e] = data.timestamps()[p];
          }
          e++;
        }
      }
    }
    return Interactions.fromTriples(
        data.userIds(), trainIds, users, items, weights, times, data.fingerprint());
  }

  /**
   * Each held-out item's score under category popularity: the mean training interactions per item
   * of its most popular categorical value (the popularity an item of that category can expect);
   * null when every content field is a text field.
   */
  private static double[] categoryPopularity(
      ContentConfig content,
      Interactions train,
      List<String> heldOutIds,
      Map<String, Integer> catalogRows) {
    List<String> categorical =
        content.fields().stream().filter(f -> !content.textFields().contains(f)).toList();
    if (categorical.isEmpty()) {
      return null;
    }
    List<Catalog.Item> items = content.catalog().items();
    Map<String, long[]> interactionsAndItems = new HashMap<>();
    CsrMatrix itemUsers = train.itemUsers();
    for (int i = 0; i < train.items(); i++) {
      long interactions = itemUsers.rowPtr()[i + 1] - itemUsers.rowPtr()[i];
      Catalog.Item item = items.get(catalogRows.get(train.itemIds().get(i)));
      for (String field : categorical) {
        for (String value : item.get(field)) {
          long[] counts =
              interactionsAndItems.computeIfAbsent(field + '=' + value, v -> new long[2]);
          counts[0] += interactions;
          counts[1]++;
        }
      }
    }
    Map<String, Double> popularity = new HashMap<>();
    interactionsAndItems.forEach(
        (value, counts) -> popularity.put(value, (double) counts[0] / counts[1]));
    double[] scores = new double[heldOutIds.size()];
    for (int h = 0; h < scores.length; h++) {
      Catalog.Item item = items.get(catalogRows.get(heldOutIds.get(h)));
      for (String field : categorical) {
        for (String value : item.get(field)) {
          scores[h] = Math.max(scores[h], popularity.getOrDefault(field + '=' + value, 0.0));
        }
      }
    }
    return scores;
  }

  /** The indices of the {@code at} best scores, best first; ties keep index order. */
  private static int[] ranked(double[] scores, int at) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    int[] top = new int[Math.min(at, order.length)];
    for (int r = 0; r < top.length; r++) {
      top[r] = order[r];
    }
    return top;
  }
}
