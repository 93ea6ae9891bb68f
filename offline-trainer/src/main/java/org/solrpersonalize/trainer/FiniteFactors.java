package org.solrpersonalize.trainer;

import java.util.List;
import java.util.Locale;

/**
 * The check after every factorization, as implicit's {@code _check_fit_errors}: a NaN or an
 * infinity in one row would make every score with it meaningless in Solr, so the fit fails and
 * names the first bad row by its id instead of publishing it.
 */
final class FiniteFactors {
  private FiniteFactors() {}

  /**
   * @param side {@code user} or {@code item}
   * @param factors rows x k, row-major
   * @param ids the id of each row
   * @throws NonFiniteFactorsException at the first value that is not finite
   */
  static void check(ModelType model, String side, float[] factors, int k, List<String> ids) {
    for (int i = 0; i < factors.length; i++) {
      if (!Float.isFinite(factors[i])) {
        int row = i / k;
        throw new NonFiniteFactorsException(
            String.format(
                Locale.ROOT,
                "%s training gave non-finite factors: %s '%s' (row %d) has %s in column %d;"
                    + " try a larger --regularization",
                model.option(),
                side,
                ids.get(row),
                row,
                factors[i],
                i % k));
      }
    }
  }
}
