package org.solrpersonalize.trainer.als;

/** Told after every ALS iteration; drives progress bars and loss curves. */
@FunctionalInterface
public interface AlsIterationListener {
  AlsIterationListener NONE = (iteration, elapsedMillis, loss) -> {};

  /**
   * @param iteration 1-based
   * @param elapsedMillis since training started
   * @param loss training objective after this iteration (see {@link ImplicitAlsLoss})
   */
  void onIteration(int iteration, long elapsedMillis, double loss);
}
