package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.request.SolrRequestInfo;

/**
 * The rescorer's last step: the page order of a reranked window under {@code diversity} and {@code
 * maxPerCluster} ({@link DiversitySelection}), the page's {@link PageDiversity} in the {@code
 * personalization} section, and the diversity step in the explanation of each document it moved.
 * Scores stay the reranked scores: with diversity a page is not sorted by score.
 */
final class WindowDiversity {
  private WindowDiversity() {}

  /**
   * The page a request shows: {@code start} and {@code rows} (a shard of a distributed request is
   * asked for {@code start=0, rows=start+rows}, so its page ends where the coordinator's does).
   */
  record Page(int start, int rows, int pageRows) {
    static final Page DEFAULT = new Page(0, CommonParams.ROWS_DEFAULT, CommonParams.ROWS_DEFAULT);

    /**
     * The request's page; {@code pageRows} is the coordinator's {@code rows} on a shard ({@link
     * PersonalizeQParserPlugin#PAGE_ROWS_PARAM}), which caps count in.
     */
    static Page ofRequest() {
      SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
      if (info == null) {
        return DEFAULT;
      }
      SolrParams params = info.getReq().getParams();
      return new Page(
          Math.max(0, params.getInt(CommonParams.START, 0)),
          Math.max(0, params.getInt(CommonParams.ROWS, CommonParams.ROWS_DEFAULT)),
          PersonalizeQParserPlugin.pageRows(params));
    }

    /** Positions through the end of the page, {@code start + rows}, without overflow. */
    int reach() {
      return (int) Math.min(Integer.MAX_VALUE, (long) start + rows);
    }
  }

  /**
   * Reorders {@code ranked} (the window best first; {@code window} holds the factors of its first
   * {@link DiversitySelection#CANDIDATES}, the candidates, in the same order) and returns the new
   * order: the candidates as selected, then the rest of the window. Records the explanations.
   */
  static ScoreDoc[] diversify(
      ScoreDoc[] ranked,
      DiversitySelection.Window window,
      DiversitySelection selection,
      PersonalizeParams params,
      Page page,
      Map<Integer, RerankExplanation> explanations) {
    DiversitySelection.Result result = selection.select(window, page.reach(), page.pageRows());
    int[] order = result.order();
    ScoreDoc[] out = ranked.clone();
    for (int p = 0; p < order.length; p++) {
      out[p] = ranked[order[p]];
      if (explanations != null && order[p] != p) {
        RerankExplanation e = explanations.get(out[p].doc);
        if (e != null) {
          explanations.put(
              out[p].doc,
              e.withDiversity(
                  new RerankExplanation.DiversityStep(
                      p,
                      order[p],
                      params.diversity(),
                      params.maxPerCluster(),
                      page.pageRows(),
                      window.clusters()[order[p]],
                      result.steps()[p])));
        }
      }
    }
    return out;
  }

  /**
   * The page's {@link PageDiversity}: reads the factors of its documents (at most {@link
   * PageDiversity#MAX_MEASURED}) again, a few reads where keeping the whole window's would copy a
   * thousand.
   */
  static void reportPage(
      org.apache.lucene.search.IndexSearcher searcher,
      ScoreDoc[] ranked,
      Page page,
      String itemField,
      String modelField,
      long modelTag,
      int factors,
      int clusters,
      float[] logPi,
      PersonalizationReport report)
      throws IOException {
    int from = Math.min(page.start(), ranked.length);
    int to = Math.min(Math.min(page.reach(), ranked.length), from + PageDiversity.MAX_MEASURED);
    int[] docs = new int[to - from];
    for (int p = from; p < to; p++) {
      docs[p - from] = ranked[p].doc;
    }
    WindowFactors f =
        WindowFactors.read(
            searcher, docs, itemField, modelField, modelTag, factors, clusters, logPi);
    int[] identity = new int[docs.length];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
    report(
        PageDiversity.of(f.inOrder(identity, new double[docs.length]), identity, docs.length),
        report);
    if (PersonalizeRescorer.isShardRequest()) {
      // The coordinator measures the page it merges from the shards' pages.
      report.shardPage = MergedPageDiversity.shardEntry(f, from, docs.length, factors);
    }
  }

  static void report(PageDiversity d, PersonalizationReport report) {
    report.pageClusters = d.clusters();
    report.pageCosineDistance =
        Double.isNaN(d.meanCosineDistance()) ? null : d.meanCosineDistance();
  }
}
