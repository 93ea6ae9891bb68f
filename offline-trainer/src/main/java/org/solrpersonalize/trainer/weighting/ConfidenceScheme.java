package org.solrpersonalize.trainer.weighting;

import org.solrpersonalize.trainer.data.LowerCaseChoice;

/** How an interaction weight becomes implicit ALS's confidence ({@code --confidence}). */
public enum ConfidenceScheme implements LowerCaseChoice {
  /** {@code 1 + alpha * w}: Hu, Koren and Volinsky's original. */
  LINEAR,
  /** {@code 1 + alpha * log(1 + w / eps)}: their log variant, for weights with a long tail. */
  LOG,
  /** {@code 1 + alpha * bm25(w)}: implicit's {@code bm25_weight} of the user-item matrix. */
  BM25;

  /** Parses {@code linear}, {@code log} or {@code bm25}. */
  public static ConfidenceScheme parse(String text) {
    return LowerCaseChoice.parse(ConfidenceScheme.class, "--confidence", text);
  }
}
