package org.solrpersonalize.trainer.tuning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.solrpersonalize.trainer.TrainingConfig;
import org.solrpersonalize.trainer.TrainingListener;
import org.solrpersonalize.trainer.als.ImplicitAlsModel;
import org.solrpersonalize.trainer.als.ImplicitAlsRun;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.data.Interactions;
import org.solrpersonalize.trainer.eval.FactorScorer;
import org.solrpersonalize.trainer.eval.HoldoutSplit;
import org.solrpersonalize.trainer.eval.RankingEvaluator;
import org.solrpersonalize.trainer.eval.SplitMode;
import org.solrpersonalize.trainer.weighting.ConfidenceScheme;
import org.solrpersonalize.trainer.weighting.ConfidenceWeighting;

/**
 * Tunes implicit ALS on a validation split carved, seeded, from the training data (never from the
 * holdout's test part): a {@link HyperparameterSearch} over the {@link #axes} scored by the
 * validation metric, then the config with the chosen values, for the final fit on all training
 * data.
 *
 * <pre>{@code
 * AlsTuning.Outcome tuned = AlsTuning.tune(config, train, listener);
 * TrainedModel model = Trainer.fit(data, tuned.config());
 * }</pre>
 */
public final class AlsTuning {
  /** Lambda from 1 to 1000 in quarter decades: the search starts near 30. */
  public static final List<Double> REGULARIZATION = SearchAxis.logSpaced(1, 1000, 13);

  /** Alpha from 0.1 to 30 in quarter decades: the search starts near 1.8. */
  public static final List<Double> ALPHA = SearchAxis.logSpaced(0.1, 31.6, 11);

  /** Factor counts of {@code --tune-factors}. */
  public static final List<Integer> FACTORS = List.of(16, 32, 64, 128);

  /**
   * Validation users scored per point at most (a seeded sample): ranking the whole catalog for
   * every user of a large log would cost more than the fits; 5,000 users put the standard error of
   * NDCG@10 near 0.003.
   */
  public static final int MAX_VALIDATION_USERS = 5_000;

  /** Keeps the validation split apart from the holdout split of the same seed. */
  private static final long VALIDATION_SALT = 0x7a11d8L;

  /** The tuned config and what the tuning did. */
  public record Outcome(TrainingConfig config, TuningReport report) {}

  private AlsTuning() {}

  /**
   * The schemes {@code --confidence auto} tries, linear in the middle: the search starts at the
   * grid's centre, so at the scheme of the defaults.
   */
  public static final List<ConfidenceScheme> WEIGHTING =
      List.of(ConfidenceScheme.LOG, ConfidenceScheme.LINEAR, ConfidenceScheme.BM25);

  /**
   * The searched hyperparameters: those the tuning config asks for.
   *
   * @param weighting the configured weighting, whose parameters (eps, k1, b) the searched schemes
   *     keep
   */
  public static List<SearchAxis<?>> axes(TuningConfig tuning, ConfidenceWeighting weighting) {
    List<SearchAxis<?>> axes = new ArrayList<>();
    if (tuning.weighting()) {
      axes.add(
          new SearchAxis<>(
              "confidence",
              WEIGHTING.stream().map(ConfidenceScheme::option).toList(),
              (builder, scheme) ->
                  builder.weighting(
                      new ConfidenceWeighting(
                          ConfidenceScheme.parse(scheme),
                          weighting.eps(),
                          weighting.k1(),
                          weighting.b()))));
    }
    if (tuning.regularization()) {
      axes.add(
          new SearchAxis<>(
              "regularization", REGULARIZATION, TrainingConfig.Builder::regularization));
    }
    if (tuning.alpha()) {
      axes.add(new SearchAxis<>("alpha", ALPHA, TrainingConfig.Builder::alpha));
    }
    if (tuning.factors()) {
      axes.add(new SearchAxis<>("factors", FACTORS, TrainingConfig.Builder::factors));
    }
    return axes;
  }

  /**
   * @param config with {@link TrainingConfig#tuning()} set; an implicit model
   * @param train the training interactions (users x items), the holdout's test part removed, not
   *     yet weighted: each point weighs them as its config says
   */
  public static Outcome tune(TrainingConfig config, CsrMatrix train, TrainingListener listener) {
    TuningConfig tuning = config.tuning();
    String metric = tuning.metric().option() + "@" + tuning.at();
    if (!tuning.requested() && train.nnz() > tuning.autoMaxInteractions()) {
      String reason =
          String.format(
              Locale.ROOT,
              "%,d training interactions are more than the %,d that auto tunes within %d fits;"
                  + " used regularization %s, alpha %s%s (pass --tune to tune anyway)",
              train.nnz(),
              tuning.autoMaxInteractions(),
              tuning.budget(),
              config.regularization(),
              config.alpha(),
              tuning.weighting() ? ", confidence " + config.weighting().scheme().option() : "");
      return new Outcome(config, TuningReport.skipped(reason, metric, tuning.budget()));
    }
    List<SearchAxis<?>> axes = axes(tuning, config.weighting());
    // A fixed weighting weighs before the split, as the final fit does; a searched one weighs the
    // validation split's training part per scheme.
    HoldoutSplit.Result validation =
        validationSplit(
            tuning.weighting() ? train : config.weighting().weigh(train), tuning, config.seed());
    Map<ConfidenceWeighting, CsrMatrix[]> weighted = new HashMap<>();
    CandidateConfigs candidates = new CandidateConfigs(config, axes, train);
    RankingEvaluator evaluator = new RankingEvaluator(tuning.at(), config.threads());
    int[] sizes = axes.stream().mapToInt(a -> a.values().size()).toArray();
    long budget = (long) (tuning.budget() - 1) * config.iterations();
    listener.onTuningStart(tuning.budget());
    HyperparameterSearch.Result result;
    try {
      result =
          new HyperparameterSearch(
                  sizes,
                  config.iterations(),
                  budget,
                  point -> {
                    TrainingConfig candidate = candidates.at(point);
                    return new ValidationTrial(
                        candidate,
                        candidates.label(point),
                        validation,
                        weightedTraining(candidate, tuning, validation, weighted),
                        evaluator,
                        tuning.metric(),
                        metric,
                        listener);
                  })
              .run();
    } finally {
      listener.onTuningEnd();
    }
    TrainingConfig chosen = candidates.at(result.best());
    Map<String, Object> chosenValues = candidates.values(result.best());
    List<TuningReport.TriedPoint> points = new ArrayList<>();
    for (HyperparameterSearch.Point p : result.points()) {
      points.add(
          new TuningReport.TriedPoint(
              candidates.valueList(p.point()),
              p.stoppedEarly() ? result.rungIterations() : config.iterations(),
              p.rungScore(),
              p.fullScore()));
    }
    double fits = (double) result.iterationsSpent() / config.iterations() + 1;
    TuningReport report =
        new TuningReport(
            "tuned",
            axes.stream().map(SearchAxis::name).toList(),
            points,
            chosenValues,
            metric,
            result.bestScore(),
            fits,
            tuning.budget());
    return new Outcome(chosen, report);
  }

  /** One point: ALS on the validation split's training part, scored on its held-out part. */
  private static final class ValidationTrial implements HyperparameterSearch.Trial {
    private final ImplicitAlsRun run;
    private final TrainingConfig candidate;
    private final String label;
    private final HoldoutSplit.Result validation;
    private final RankingEvaluator evaluator;
    private final TuningMetric metric;
    private final String metricName;
    private final TrainingListener listener;

    ValidationTrial(
        TrainingConfig candidate,
        String label,
        HoldoutSplit.Result validation,
        CsrMatrix[] weighted,
        RankingEvaluator evaluator,
        TuningMetric metric,
        String metricName,
        TrainingListener listener) {
      this.run = new ImplicitAlsRun(candidate.implicitConfig(), weighted[0], weighted[1]);
      this.candidate = candidate;
      this.label = label;
      this.validation = validation;
      this.evaluator = evaluator;
      this.metric = metric;
      this.metricName = metricName;
      this.listener = listener;
    }

    @Override
    public double scoreAfter(int iterations) {
      listener.onTrialStart(label, run.iterationsDone(), iterations);
      run.advanceTo(iterations, (it, millis, loss) -> listener.onTrialIteration(it, loss));
      ImplicitAlsModel model = run.model();
      FactorScorer scorer =
          new FactorScorer(candidate.factors(), model.userFactors(), model.itemFactors());
      double score = metric.of(evaluator.evaluate(scorer, validation.train(), validation.test()));
      listener.onTrialEnd(metricName, score);
      return score;
    }

    @Override
    public void close() {
      run.close();
    }
  }

  /**
   * The validation training part as the point's config weighs it, and its transpose; computed once
   * per weighting (without a searched weighting every point has the config's, and the split is
   * already weighted by it).
   */
  private static CsrMatrix[] weightedTraining(
      TrainingConfig candidate,
      TuningConfig tuning,
      HoldoutSplit.Result validation,
      Map<ConfidenceWeighting, CsrMatrix[]> cache) {
    return cache.computeIfAbsent(
        candidate.weighting(),
        w -> {
          CsrMatrix userItems =
              tuning.weighting() ? w.weigh(validation.train()) : validation.train();
          return new CsrMatrix[] {userItems, userItems.transpose()};
        });
  }

  private static HoldoutSplit.Result validationSplit(
      CsrMatrix train, TuningConfig tuning, long seed) {
    List<String> users = new ArrayList<>(train.rows());
    for (int u = 0; u < train.rows(); u++) {
      users.add(Integer.toString(u));
    }
    List<String> items = new ArrayList<>(train.columns());
    for (int i = 0; i < train.columns(); i++) {
      items.add(Integer.toString(i));
    }
    Interactions data =
        new Interactions(users, items, train, train.transpose(), null, "validation", null);
    HoldoutSplit.Result split =
        HoldoutSplit.split(
            data, SplitMode.RANDOM, tuning.validationFraction(), seed ^ VALIDATION_SALT);
    return new HoldoutSplit.Result(
        split.train(), sampleUsers(split.test(), MAX_VALIDATION_USERS, seed ^ VALIDATION_SALT));
  }

  /**
   * The rows of at most {@code limit} users with test items, chosen uniformly with the seed; the
   * other rows emptied (so the evaluator skips them).
   */
  static CsrMatrix sampleUsers(CsrMatrix test, int limit, long seed) {
    int[] withItems = new int[test.rows()];
    int count = 0;
    for (int u = 0; u < test.rows(); u++) {
      if (test.rowLength(u) > 0) {
        withItems[count++] = u;
      }
    }
    if (count <= limit) {
      return test;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int j = 0; j < limit; j++) { // partial Fisher-Yates: the first `limit` are the sample
      int pick = j + random.nextInt(count - j);
      int t = withItems[j];
      withItems[j] = withItems[pick];
      withItems[pick] = t;
    }
    boolean[] kept = new boolean[test.rows()];
    int entries = 0;
    for (int j = 0; j < limit; j++) {
      kept[withItems[j]] = true;
      entries += test.rowLength(withItems[j]);
    }
    int[] rowPtr = new int[test.rows() + 1];
    int[] cols = new int[entries];
    float[] vals = new float[entries];
    int n = 0;
    for (int u = 0; u < test.rows(); u++) {
      if (kept[u]) {
        for (int e = test.rowStart(u); e < test.rowEnd(u); e++) {
          cols[n] = test.cols()[e];
          vals[n++] = test.vals()[e];
        }
      }
      rowPtr[u + 1] = n;
    }
    return new CsrMatrix(test.rows(), test.columns(), rowPtr, cols, vals);
  }
}
