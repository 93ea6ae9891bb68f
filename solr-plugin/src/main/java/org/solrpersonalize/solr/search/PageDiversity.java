package org.solrpersonalize.solr.search;

/**
 * How varied one page of results is, for the {@code personalization} section: the distinct mixture
 * clusters of its documents and the mean cosine distance {@code 1 - cos} of their item factors over
 * all pairs. Only documents with factors count; with fewer than two of them the distance is NaN
 * (and not reported).
 *
 * @param documents documents of the page with factors
 * @param clusters distinct clusters among them (0 for a model without clusters)
 * @param meanCosineDistance mean of {@code 1 - cos(v_i, v_j)} over their pairs, in [0, 2]
 */
record PageDiversity(int documents, int clusters, double meanCosineDistance) {
  /**
   * Pages longer than this are measured on their first this many documents: pairs grow with the
   * square of the page, and rows=1000 would cost more than the rerank.
   */
  static final int MAX_MEASURED = 100;

  /** The page of window indexes {@code page[0, length)}. */
  static PageDiversity of(DiversitySelection.Window w, int[] page, int length) {
    int n = Math.min(length, MAX_MEASURED);
    // The page's rows only: normalizing the whole window cost more than the page's pairs.
    DiversitySelection.Window rows = w.rows(page, n);
    float[] unit = DiversitySelection.unitVectors(rows);
    boolean[] seen = new boolean[0];
    int documents = 0;
    int clusters = 0;
    double distances = 0;
    long pairs = 0;
    for (int a = 0; a < n; a++) {
      int i = page[a];
      if (!w.hasFactors()[i]) {
        continue;
      }
      documents++;
      int c = w.clusters()[i];
      if (c >= 0) {
        if (c >= seen.length) {
          seen = java.util.Arrays.copyOf(seen, c + 1);
        }
        if (!seen[c]) {
          seen[c] = true;
          clusters++;
        }
      }
      for (int b = 0; b < a; b++) {
        if (rows.hasFactors()[b]) {
          distances += 1 - DiversitySelection.cosine(unit, w.factors(), a, b, rows.hasFactors());
          pairs++;
        }
      }
    }
    return new PageDiversity(documents, clusters, pairs == 0 ? Double.NaN : distances / pairs);
  }
}
