package org.solrpersonalize.solr.search;

import com.codahale.metrics.Timer;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Rescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.NumericUtils;
import org.apache.solr.common.params.ShardParams;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.request.SolrRequestInfo;
import org.apache.solr.search.QueryLimits;
import org.solrpersonalize.solr.cache.SlotFactors;
import org.solrpersonalize.solr.interleave.Team;
import org.solrpersonalize.solr.metrics.PersonalizeMetrics;

/**
 * Rescores the rerank window: {@code textWeight * norm(text) + dotWeight * norm(dot) +
 * clusterWeight * norm(clusterLift)}, each component normalized over the window. The cluster part
 * is the user's {@code clusterll} minus the item's log-density under the population's mixture
 * weights, {@code log sum_k theta_uk N_k(v_i) - log sum_k pi_k N_k(v_i) = log sum_k (theta_uk /
 * pi_k) gamma_ik}: without the subtraction, items in tight clusters would rise for every user
 * alike, because {@code clusterll} is dominated by how dense the item's region of factor space is.
 * Hits are visited in doc-id order, one {@link ItemFactorReader} per leaf, forward only; an
 * interleaved rerank reads both of its models' rows in the same walk ({@link #rescoreWindows}).
 * With no profile (unknown user, no model) the window keeps its text order and scores. With {@code
 * diversity} or {@code maxPerCluster} the page is then ordered by {@link DiversitySelection}
 * ({@link WindowDiversity}), and with {@code seen=demote} the seen documents follow the unseen ones
 * ({@link SeenItems}).
 */
final class PersonalizeRescorer extends Rescorer {
  private static final String EXPLAIN_KEY = PersonalizeRescorer.class.getName() + ".explain";

  /** Documents scored between two looks at Solr's query limits ({@code timeAllowed}). */
  private static final int LIMIT_CHECK_INTERVAL = 64;

  /** Where the touched bits go, so that the JIT keeps the loads. */
  @SuppressWarnings("unused")
  private static int touchSink;

  private final PersonalizeParams params;
  private final String modelId;
  private final long modelTag;
  private final String itemField;
  private final String modelField;
  private final int factors;
  private final int clusters;
  private final float[] vector;
  private final float[] logAffinity;

  /** Null without a cluster part or without the model's mixture weights. */
  private final ClusterWeights clusterWeights;

  /** The model's log pi_k, for the clusters of diversity; null without them. */
  private final float[] logPi;

  /** Null when neither diversity nor maxPerCluster is asked for. */
  private final DiversitySelection diversity;

  /** The seen items to move behind the unseen ones ({@code seen=demote}); null for none. */
  private final SeenItems demoted;

  /**
   * Whose ranking this is: the active model's reports to the personalization section; the
   * candidate's (interleaving) only ranks.
   */
  private final Team team;

  /**
   * @param itemField the model's item field: {@code factors} floats, then {@code clusters}
   * @param vector null for no dot part
   * @param logAffinity null or empty for no cluster part
   * @param logMixtureWeights the model's log pi_k; null or empty scores the cluster part by
   *     clusterll alone
   * @param demoted seen items to move behind the window's unseen documents, or null
   * @param team whose ranking this is ({@link Team#ACTIVE} without interleaving)
   */
  PersonalizeRescorer(
      PersonalizeParams params,
      String modelId,
      String itemField,
      String modelField,
      int factors,
      int clusters,
      float[] vector,
      float[] logAffinity,
      float[] logMixtureWeights,
      SeenItems demoted,
      Team team) {
    this.team = team;
    this.params = params;
    this.demoted = demoted;
    this.modelId = modelId;
    this.modelTag = modelId == null ? 0 : ModelTags.of(modelId); // null: no model, nothing read
    this.itemField = itemField;
    this.modelField = modelField;
    this.factors = factors;
    this.clusters = clusters;
    this.vector = vector;
    this.logAffinity = logAffinity == null || logAffinity.length == 0 ? null : logAffinity;
    // this.logAffinity: a model without clusters (K=0) gives empty arrays, i.e. no cluster part.
    this.clusterWeights =
        logMixtureWeights == null
                || this.logAffinity == null
                || logMixtureWeights.length != this.logAffinity.length
            ? null
            : ClusterWeights.of(this.logAffinity, logMixtureWeights);
    this.logPi = logMixtureWeights;
    this.diversity =
        params.diversifies()
            ? new DiversitySelection(params.diversity(), params.maxPerCluster())
            : null;
  }

  boolean personalizes() {
    return vector != null || logAffinity != null;
  }

  /** The seen items this ranking moves behind the unseen ones, or null. */
  SeenItems demoted() {
    return demoted;
  }

  @Override
  public TopDocs rescore(IndexSearcher searcher, TopDocs firstPass, int topN) throws IOException {
    try (Timer.Context timing = PersonalizeMetrics.ofRequest().timeRerank()) {
      return rescoreWindow(searcher, firstPass, topN);
    }
  }

  /** {@link #rescore} without timing it. */
  TopDocs rescoreWindow(IndexSearcher searcher, TopDocs firstPass, int topN) throws IOException {
    return rescoreWindows(
        searcher, new TopDocs[] {firstPass}, new PersonalizeRescorer[] {this}, topN)[0];
  }

  /**
   * Reranks copies of one window ({@code windows[m]}: the same hits in the same order, each its own
   * ScoreDoc objects, whose scores {@code models[m]} overwrites) under several models in one pass:
   * the hits in doc-id order (a {@link DocOrderWindow} is; a text-ordered window is sorted), one
   * walk over the leaves reading each model's row of every document, one normalization of the text
   * part; then each model ranks its copy. The models share their {@link PersonalizeParams} but for
   * the profile and slot (an interleaved rerank's active model and candidate): a second model costs
   * its kernels, not a second walk and sort.
   */
  static TopDocs[] rescoreWindows(
      IndexSearcher searcher, TopDocs[] windows, PersonalizeRescorer[] models, int topN)
      throws IOException {
    int n = windows[0].scoreDocs.length;
    TopDocs[] out = new TopDocs[models.length];
    PersonalizationReport[] reports = new PersonalizationReport[models.length];
    boolean anyPersonalizes = false;
    for (int m = 0; m < models.length; m++) {
      reports[m] = models[m].team == Team.ACTIVE ? currentReport() : null;
      if (reports[m] != null) {
        reports[m].windowSize += n;
      }
      if (!models[m].personalizes() || n == 0) {
        // An items= session none of whose items has factors still has seen them.
        ScoreDoc[] kept = DocOrderWindow.textOrder(windows[m]);
        out[m] = top(models[m].demoteSeen(searcher, kept, reports[m]), windows[m], topN);
      } else {
        anyPersonalizes = true;
      }
    }
    if (!anyPersonalizes) {
      return out;
    }
    // timeAllowed: a rerank that would run past it keeps the window's text order, as Solr keeps
    // the partial results it has when a limit trips.
    QueryLimits limits = QueryLimits.getCurrentLimits();
    boolean limited = limits.isLimitsEnabled();
    if (limited && limits.shouldExit()) {
      return stoppedByLimits(windows, out, topN, reports);
    }
    // Walk in doc-id order (a DocOrderWindow is in it already), remembering each hit's index in
    // the window and its text score: equal rerank scores are put in text order by those.
    ScoreDoc[] byRank = windows[0].scoreDocs;
    long[] docAndRank = new long[n];
    float[] textByIndex = new float[n];
    for (int i = 0; i < n; i++) {
      docAndRank[i] = ((long) byRank[i].doc << 32) | i;
      textByIndex[i] = byRank[i].score;
    }
    if (!(windows[0] instanceof DocOrderWindow)) {
      Arrays.sort(docAndRank);
    }
    double[] text = new double[n];
    for (int i = 0; i < n; i++) {
      text[i] = byRank[(int) docAndRank[i]].score;
    }
    // A debug request explains every hit: its raw parts and the lift's subtrahend are kept.
    boolean explained = explanationsOfRequest(Team.ACTIVE) != null;
    WindowParts[] parts = new WindowParts[models.length];
    ItemFactorReader[] items = new ItemFactorReader[models.length];
    for (int m = 0; m < models.length; m++) {
      PersonalizeRescorer model = models[m];
      parts[m] =
          out[m] != null
              ? null
              : new WindowParts(
                  n,
                  explained,
                  model.diversity == null
                      ? null
                      : new WindowFactors(n, model.factors, model.clusters, model.logPi),
                  model.clusterWeights == null
                      ? null
                      : new WindowClusterLifts(n, model.clusterWeights.size()));
    }
    int[] docs = new int[n];
    for (int i = 0; i < n; i++) {
      docs[i] = (int) (docAndRank[i] >>> 32);
    }
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (int i = 0; i < n; ) {
      // The hits of one leaf, with readers only for segments that hold hits: each open costs
      // doc-values slices.
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i], leaves));
      int leafEnd = leaf.docBase + leaf.reader().maxDoc();
      int end = i;
      while (end < n && docs[end] < leafEnd) {
        end++;
      }
      for (int m = 0; m < models.length; m++) {
        if (parts[m] != null) {
          items[m] = models[m].open(leaf.reader());
        }
      }
      for (int from = i; from < end; from += LIMIT_CHECK_INTERVAL) {
        if (limited && from > 0 && limits.shouldExit()) {
          return stoppedByLimits(windows, out, topN, reports);
        }
        int to = Math.min(end, from + LIMIT_CHECK_INTERVAL);
        for (int m = 0; m < models.length; m++) {
          if (parts[m] != null) {
            models[m].readRun(items[m], docs, leaf.docBase, from, to, parts[m]);
          }
        }
      }
      i = end;
    }
    for (int m = 0; m < models.length; m++) {
      if (parts[m] != null && parts[m].lifts != null) {
        parts[m].lifts.liftsInto(models[m].clusterWeights, parts[m].cluster, parts[m].marginal);
      }
    }
    // The text part is the same for every model: its raw values are kept when a debug request
    // will explain them or something reads them.
    WindowRankings rankings = WindowRankings.ofCurrentRequest();
    boolean keepRaw = (rankings != null && rankings.partsWanted()) || explained;
    double[] rawText = keepRaw ? text.clone() : null;
    boolean[] all = new boolean[n];
    Arrays.fill(all, true);
    WindowNormalization.Statistics textStatistics = models[0].params.norm().apply(text, all, n);
    for (int m = 0; m < models.length; m++) {
      if (parts[m] != null) {
        ScoreDoc[] hits = new ScoreDoc[n]; // in doc-id order; (int) docAndRank[i] is hits[i]'s rank
        for (int i = 0; i < n; i++) {
          hits[i] = windows[m].scoreDocs[(int) docAndRank[i]];
        }
        out[m] =
            models[m].rank(
                searcher,
                windows[m],
                topN,
                hits,
                docAndRank,
                new WindowText(text, rawText, textStatistics, textByIndex),
                parts[m],
                reports[m]);
      }
    }
    return out;
  }

  /**
   * The window's text part, normalized once for every model that ranks it; {@code byIndex} the text
   * scores by the hits' index in the window, which put equal rerank scores in text order.
   */
  private record WindowText(
      double[] normalized,
      double[] raw,
      WindowNormalization.Statistics statistics,
      float[] byIndex) {}

  private ItemFactorReader open(LeafReader leaf) throws IOException {
    return new ItemFactorReader(leaf, itemField, modelField, modelTag, factors, clusters);
  }

  /**
   * Reads hits {@code [from, to)} of the window, all of the reader's leaf (doc {@code docs[i] -
   * docBase}, ascending), into {@code parts}: from a float cache in one loop when the parts are the
   * dot product and the cluster lifts computed together (the usual rerank), else hit by hit, the
   * rows of {@link SlotFactors#TOUCH_AHEAD} hits loaded together before they are read.
   */
  private void readRun(
      ItemFactorReader items, int[] docs, int docBase, int from, int to, WindowParts parts)
      throws IOException {
    if (vector != null
        && parts.lifts != null
        && parts.windowFactors == null
        && items.floatCached()) {
      parts.missing +=
          items.readFloatRows(
              docs,
              docBase,
              from,
              to,
              vector,
              parts.dot,
              parts.hasFactors,
              parts.lifts.columns(),
              parts.lifts.stride());
      parts.lifts.copied(parts.hasFactors, from, to);
      return;
    }
    int touched = 0;
    for (int batch = from; batch < to; batch += SlotFactors.TOUCH_AHEAD) {
      int end = Math.min(to, batch + SlotFactors.TOUCH_AHEAD);
      for (int i = batch; i < end; i++) {
        touched ^= items.touch(docs[i] - docBase);
      }
      for (int i = batch; i < end; i++) {
        read(items, docs[i] - docBase, i, parts);
      }
    }
    touchSink = touched;
  }

  /** Reads hit {@code i} (doc {@code leafDoc} of the reader's leaf) into {@code parts}. */
  private void read(ItemFactorReader items, int leafDoc, int i, WindowParts parts)
      throws IOException {
    boolean has = items.advance(leafDoc);
    if (has && vector != null) {
      parts.dot[i] = items.dot(vector);
    }
    if (has && logAffinity != null) {
      if (clusterWeights != null) {
        if (!parts.lifts.copy(items, i)) { // with the mixture weights, the window has lifts
          parts.cluster[i] = items.clusterLift(clusterWeights, parts.marginal, i);
        }
      } else {
        parts.cluster[i] = items.logSumExp(logAffinity);
      }
    }
    parts.hasFactors[i] = has;
    if (has && parts.windowFactors != null) {
      parts.windowFactors.read(i, items);
    }
    if (!has) {
      parts.missing++;
    }
  }

  /**
   * This model's order of the window from its parts: scores written into {@code hits} (the window's
   * hits in doc-id order), sorted best first, then diversity, {@code seen=demote}, the report's
   * page and the rankings.
   */
  private TopDocs rank(
      IndexSearcher searcher,
      TopDocs firstPass,
      int topN,
      ScoreDoc[] hits,
      long[] docAndRank,
      WindowText windowText,
      WindowParts windowParts,
      PersonalizationReport report)
      throws IOException {
    ScoreDoc[] byRank = firstPass.scoreDocs;
    int n = byRank.length;
    double[] text = windowText.normalized();
    double[] dot = windowParts.dot;
    double[] cluster = windowParts.cluster;
    double[] marginal = windowParts.marginal;
    boolean[] hasFactors = windowParts.hasFactors;
    WindowFactors windowFactors = windowParts.windowFactors;
    int missing = windowParts.missing;
    // The raw parts are kept where the raw text part was (rescoreWindows decided it once): when a
    // debug request will explain them or something reads them.
    Map<Integer, RerankExplanation> explanations = explanationsOfRequest(team);
    WindowRankings rankings = WindowRankings.ofCurrentRequest();
    boolean keepParts = rankings != null && rankings.partsWanted();
    double[] rawText = windowText.raw();
    double[] rawDot = rawText == null ? null : dot.clone();
    double[] rawCluster = rawText == null ? null : cluster.clone();
    WindowNormalization.Statistics textStatistics = windowText.statistics();
    WindowNormalization.Statistics dotStatistics = params.norm().apply(dot, hasFactors, n);
    WindowNormalization.Statistics clusterStatistics = params.norm().apply(cluster, hasFactors, n);
    double dw = vector == null ? 0 : params.dotWeight();
    double cw = logAffinity == null ? 0 : params.clusterWeight();
    RerankExplanation.Window window =
        explanations == null
            ? null
            : new RerankExplanation.Window(
                modelId,
                params.norm(),
                params.textWeight(),
                dw,
                cw,
                vector != null,
                logAffinity != null,
                textStatistics,
                dotStatistics,
                clusterStatistics);
    for (int i = 0; i < n; i++) {
      double score = params.textWeight() * text[i] + dw * dot[i] + cw * cluster[i];
      hits[i].score = (float) score;
      if (explanations != null) {
        // With the mixture weights the raw part is the lift; adding marginal[i] gives clusterll.
        explanations.put(
            hits[i].doc,
            new RerankExplanation(
                hits[i].score,
                hasFactors[i],
                rawText[i],
                text[i],
                rawDot[i],
                dot[i],
                clusterWeights == null ? rawCluster[i] : rawCluster[i] + marginal[i],
                clusterWeights == null ? Double.NaN : marginal[i],
                cluster[i],
                window,
                null));
      }
    }
    if (report != null) {
      report.docsWithoutFactors += missing;
    }
    // Best score first, ties in first-pass order: one primitive sort of (descending score, rank).
    // Only the first topN and the page (the report's, and the most a shard's rankings are read)
    // are sorted unless diversity or seen=demote reorder the window; the rest follows in no order.
    WindowDiversity.Page page = WindowDiversity.Page.ofRequest();
    int sorted =
        windowFactors != null || demoted != null
            ? n
            : Math.max(topN, report == null && rankings == null ? 0 : page.reach());
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] =
          ((long) ~NumericUtils.floatToSortableInt(hits[i].score) << 32) | (int) docAndRank[i];
    }
    LongSelection.sortSmallest(keys, n, sorted);
    // A window in text order leaves the ties as they are: its indexes are first-pass ranks.
    DocOrderWindow.breakTiesInTextOrder(keys, n, Math.min(sorted, n), windowText.byIndex());
    ScoreDoc[] ranked = new ScoreDoc[n];
    for (int i = 0; i < n; i++) {
      ranked[i] = byRank[(int) keys[i]];
    }
    if (windowFactors != null) {
      int[] hitOfRank = new int[n];
      for (int i = 0; i < n; i++) {
        hitOfRank[(int) docAndRank[i]] = i;
      }
      int candidates = Math.min(n, DiversitySelection.CANDIDATES);
      int[] hitAt = new int[candidates];
      double[] scores = new double[candidates];
      for (int p = 0; p < candidates; p++) {
        hitAt[p] = hitOfRank[(int) keys[p]];
        scores[p] = ranked[p].score;
      }
      ranked =
          WindowDiversity.diversify(
              ranked, windowFactors.inOrder(hitAt, scores), diversity, params, page, explanations);
    }
    ranked = demoteSeen(searcher, ranked, report);
    if (report != null) {
      WindowDiversity.reportPage(
          searcher,
          ranked,
          page,
          itemField,
          modelField,
          modelTag,
          factors,
          clusters,
          logPi,
          report);
    }
    if (rankings != null) {
      Map<Integer, WindowRankings.Parts> parts =
          keepParts ? WindowRankings.newPartsMap(n) : Map.of();
      for (int i = 0; keepParts && i < n; i++) {
        parts.put(
            hits[i].doc,
            new WindowRankings.Parts(
                modelId,
                hits[i].score,
                rawText[i],
                text[i],
                rawDot[i],
                dot[i],
                rawCluster[i],
                cluster[i]));
      }
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = ranked[i].doc;
      }
      rankings.put(team, new WindowRankings.Ranking(modelId, order, parts));
    }
    return top(ranked, firstPass, topN);
  }

  private static TopDocs top(ScoreDoc[] ranked, TopDocs firstPass, int topN) {
    ScoreDoc[] top = ranked.length <= topN ? ranked : Arrays.copyOf(ranked, topN);
    return new TopDocs(firstPass.totalHits, top);
  }

  /** {@code ranked} with the seen documents behind the unseen ones ({@code seen=demote}). */
  private ScoreDoc[] demoteSeen(
      IndexSearcher searcher, ScoreDoc[] ranked, PersonalizationReport report) throws IOException {
    if (demoted != null) {
      int moved = SeenItems.demote(ranked, demoted.docIds(searcher));
      if (report != null) {
        report.seenDemoted += moved;
      }
    }
    return ranked;
  }

  private static TopDocs textOrder(TopDocs firstPass, int topN) {
    ScoreDoc[] byRank = DocOrderWindow.textOrder(firstPass);
    return new TopDocs(firstPass.totalHits, Arrays.copyOf(byRank, Math.min(topN, byRank.length)));
  }

  /** Every model that was to rerank keeps the text order; the others keep what they returned. */
  private static TopDocs[] stoppedByLimits(
      TopDocs[] windows, TopDocs[] out, int topN, PersonalizationReport[] reports) {
    for (int m = 0; m < out.length; m++) {
      if (out[m] == null) {
        if (reports[m] != null && reports[m].fallback == null) {
          reports[m].fallback = PersonalizationReport.TIME_ALLOWED;
        }
        out[m] = textOrder(windows[m], topN);
      }
    }
    return out;
  }

  @Override
  public Explanation explain(IndexSearcher searcher, Explanation firstPass, int docID) {
    Map<Integer, RerankExplanation> explanations = explanationsOfRequest(team);
    RerankExplanation reranked = explanations == null ? null : explanations.get(docID);
    if (reranked != null) {
      return reranked.toExplanation(firstPass);
    }
    String why =
        personalizes()
            ? "not reranked, outside the rerank window of " + params.reRankDocs() + " documents"
            : "not reranked, no profile: text order kept";
    return Explanation.match(firstPass.getValue(), "personalize: " + why, firstPass);
  }

  static PersonalizationReport currentReport() {
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    return info == null ? null : RequestPersonalization.of(info.getReq()).report();
  }

  /** Whether the current request is a shard's part of a distributed request. */
  static boolean isShardRequest() {
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    return info != null
        && info.getReq() != null
        && info.getReq().getParams().getBool(ShardParams.IS_SHARD, false);
  }

  @SuppressWarnings("unchecked")
  private static Map<Integer, RerankExplanation> explanationsOfRequest(Team team) {
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    if (info == null) {
      return null;
    }
    SolrQueryRequest req = info.getReq();
    if (!req.getParams().getBool("debugQuery", false) && req.getParams().get("debug") == null) {
      return null;
    }
    return (Map<Integer, RerankExplanation>)
        req.getContext()
            .computeIfAbsent(
                EXPLAIN_KEY + '.' + team.parameterValue(),
                k -> new java.util.concurrent.ConcurrentHashMap<Integer, RerankExplanation>());
  }

  private float[] logMixtureWeights() {
    return clusterWeights == null ? null : clusterWeights.logPi();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PersonalizeRescorer r
        && team == r.team
        && params.equals(r.params)
        && Objects.equals(modelId, r.modelId)
        && Objects.equals(itemField, r.itemField)
        && Arrays.equals(vector, r.vector)
        && Arrays.equals(logAffinity, r.logAffinity)
        && Objects.equals(demoted, r.demoted)
        && Arrays.equals(logMixtureWeights(), r.logMixtureWeights());
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        team,
        params,
        modelId,
        itemField,
        Arrays.hashCode(vector),
        Arrays.hashCode(logAffinity),
        Arrays.hashCode(logMixtureWeights()),
        demoted);
  }

  @Override
  public String toString() {
    return (team == Team.ACTIVE ? "personalize(" : "personalize-" + team.parameterValue() + "(")
        + params.user()
        + ", model="
        + modelId
        + ", reRankDocs="
        + params.reRankDocs()
        + ", weights="
        + params.textWeight()
        + "/"
        + params.dotWeight()
        + "/"
        + params.clusterWeight()
        + ", norm="
        + params.norm()
        + (params.diversifies()
            ? ", diversity=" + params.diversity() + ", maxPerCluster=" + params.maxPerCluster()
            : "")
        + (demoted == null ? "" : ", " + demoted)
        + ")";
  }
}
