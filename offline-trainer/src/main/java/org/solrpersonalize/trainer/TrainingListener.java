package org.solrpersonalize.trainer;

/**
 * Observes a {@link Trainer#fit} as it goes, as implicit's {@code fit(callback=...)} does: the
 * factorization's iterations with elapsed time and loss, the mixture's EM iterations, the holdout
 * evaluation's scorers. Every method is called on the thread that called {@code fit} and ignores
 * the call by default, so a listener overrides only what it shows.
 *
 * <pre>{@code
 * TrainingListener losses = new TrainingListener() {
 *   public void onIteration(int iteration, long elapsedMillis, double loss) {
 *     log.info("iteration {}: loss {} after {} ms", iteration, loss, elapsedMillis);
 *   }
 * };
 * }</pre>
 */
public interface TrainingListener {
  /** Ignores every call. */
  TrainingListener NONE = new TrainingListener() {};

  /** Interaction files are being read: {@code totalBytes} in all (the convenience fit only). */
  default void onLoadStart(long totalBytes) {}

  /** Bytes of the interaction files read so far. */
  default void onLoadProgress(long bytesRead) {}

  /** A bad input line that was tolerated, as {@code file:line: reason}. */
  default void onBadLine(String report) {}

  /** The factorization starts; {@link #onIteration} follows {@code iterations} times. */
  default void onFactorizationStart(ModelType model, int iterations) {}

  /**
   * One ALS iteration (SGD epoch) is done.
   *
   * @param iteration 1-based
   * @param elapsedMillis since the factorization started
   * @param loss the training objective (implicit) or the training RMSE (explicit)
   */
  default void onIteration(int iteration, long elapsedMillis, double loss) {}

  /** The factorization ended. */
  default void onFactorizationEnd() {}

  /** The holdout evaluation starts; it ranks with {@code scorers} scorers in turn. */
  default void onEvaluationStart(int scorers) {}

  /** The evaluation moves to its next scorer, e.g. {@code popularity}, after {@code done}. */
  default void onEvaluationStep(int done, String scorer) {}

  /** The evaluation ended. */
  default void onEvaluationEnd() {}

  /** An EM fit of the mixture starts with {@code components} components. */
  default void onMixtureFit(int components, int maxIterations) {}

  /**
   * One EM step of the mixture.
   *
   * @param run restart index, 0 to {@code nInit - 1}
   * @param iteration M-steps made so far in this run
   * @param meanLogLikelihood mean over items under the current parameters
   */
  default void onMixtureIteration(int run, int iteration, double meanLogLikelihood) {}

  /** The mixture is fitted (every candidate K when BIC chooses). */
  default void onMixtureEnd() {}

  /** Hyperparameter tuning starts; it may cost {@code budgetFits} fits, the final one included. */
  default void onTuningStart(int budgetFits) {}

  /**
   * A tuning fit is trained from {@code fromIteration} to {@code toIteration}; {@link
   * #onTrialIteration} follows for each.
   *
   * @param label the point, e.g. {@code tune regularization=32 alpha=1.8}
   */
  default void onTrialStart(String label, int fromIteration, int toIteration) {}

  /** One ALS iteration of a tuning fit. */
  default void onTrialIteration(int iteration, double loss) {}

  /** The tuning fit is scored on the validation split, e.g. {@code ndcg@10} 0.31. */
  default void onTrialEnd(String metric, double score) {}

  /** The tuning ended; the final fit follows. */
  default void onTuningEnd() {}
}
