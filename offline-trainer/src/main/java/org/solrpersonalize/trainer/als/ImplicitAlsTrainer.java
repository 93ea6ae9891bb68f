package org.solrpersonalize.trainer.als;

import org.solrpersonalize.trainer.data.CsrMatrix;

/**
 * Implicit-feedback ALS (Hu, Koren, Volinsky 2008). Each iteration solves every user against fixed
 * item factors, then every item against fixed user factors, each row independently in fixed blocks
 * over the configured threads. Initial factors are seeded per row, so the result is the same for
 * any thread count.
 *
 * <pre>{@code
 * ImplicitAlsModel model = new ImplicitAlsTrainer(ImplicitAlsConfig.defaults(42, 2))
 *     .fit(data.userItems(), data.itemUsers(),
 *          (iteration, millis, loss) -> System.err.println(iteration + " " + loss));
 * }</pre>
 */
public final class ImplicitAlsTrainer {
  private final ImplicitAlsConfig config;

  public ImplicitAlsTrainer(ImplicitAlsConfig config) {
    this.config = config;
  }

  /**
   * @param userItems users x items weights
   * @param itemUsers its transpose
   */
  public ImplicitAlsModel fit(
      CsrMatrix userItems, CsrMatrix itemUsers, AlsIterationListener listener) {
    try (ImplicitAlsRun run = new ImplicitAlsRun(config, userItems, itemUsers)) {
      run.advanceTo(config.iterations(), listener);
      return run.model();
    }
  }
}
