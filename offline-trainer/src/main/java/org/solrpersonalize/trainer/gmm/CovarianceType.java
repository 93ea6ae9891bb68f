package org.solrpersonalize.trainer.gmm;

import java.util.Locale;
import org.solrpersonalize.trainer.data.LowerCaseChoice;

/**
 * Shape of each component's covariance: a full d x d matrix or only its diagonal; {@link #option()}
 * is the spelling {@link #parse} accepts and {@code gmm.json} stores.
 */
public enum CovarianceType implements LowerCaseChoice {
  FULL,
  DIAG;

  /**
   * Parses the command-line spelling, e.g. {@code --covariance full}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static CovarianceType parse(String s) {
    if (s != null) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "full":
          return FULL;
        case "diag":
          return DIAG;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "covariance type must be 'full' or 'diag', got " + (s == null ? "null" : "'" + s + "'"));
  }
}
