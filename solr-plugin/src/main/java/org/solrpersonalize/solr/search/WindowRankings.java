package org.solrpersonalize.solr.search;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.request.SolrRequestInfo;
import org.solrpersonalize.solr.interleave.Team;

/**
 * What the rerank of one request computed per document, kept in the request context when something
 * reads it: the {@code [personalize]} transformer, a shard's rankings for its coordinator, or an
 * interleaved page's teams. Per model (the active one, and the candidate when interleaving) the
 * window's final order and each document's parts; per document its team when interleaving.
 */
public final class WindowRankings {
  private static final String CONTEXT_KEY = WindowRankings.class.getName();

  /**
   * Internal parameter: a coordinator asks its shards for their rankings with {@code
   * pz.rankings=true} (the {@code [personalize]} field, or an interleaved page to merge).
   */
  public static final String SHARD_PARAM = "pz.rankings";

  /**
   * One document's score under one model: its final {@code score} and the raw and normalized value
   * of each part ({@code cluster} is the lift over the population's mixture, as reranked).
   */
  public record Parts(
      String model,
      float score,
      double textRaw,
      double textNormalized,
      double dotRaw,
      double dotNormalized,
      double clusterRaw,
      double clusterNormalized) {}

  /**
   * One model's order of the window: Lucene doc ids best first, and the parts of each.
   *
   * @param docs the reranked window, best first (as shown for the active model without
   *     interleaving)
   * @param fallback null when the model scored the window; else why it keeps the text order (no
   *     profile of the user, on one side of an interleaved page): its parts then hold only the text
   *     score, as {@code score} and {@code textRaw}, for a coordinator's merge
   */
  public record Ranking(String model, int[] docs, Map<Integer, Parts> parts, String fallback) {
    public Ranking(String model, int[] docs, Map<Integer, Parts> parts) {
      this(model, docs, parts, null);
    }
  }

  private final Map<Team, Ranking> rankings =
      Collections.synchronizedMap(new EnumMap<>(Team.class));
  private volatile Map<Integer, Team> teams = Map.of();

  /** Whether each document's parts are kept, not only the orders (which cost next to nothing). */
  private volatile boolean partsWanted;

  private WindowRankings() {}

  /** Starts keeping the orders of {@code req}'s rankings (idempotent). */
  public static WindowRankings record(SolrQueryRequest req) {
    return (WindowRankings)
        req.getContext().computeIfAbsent(CONTEXT_KEY, k -> new WindowRankings());
  }

  /** Starts keeping the orders and every document's parts of {@code req}'s rankings. */
  public static WindowRankings recordWithParts(SolrQueryRequest req) {
    WindowRankings rankings = record(req);
    rankings.partsWanted = true;
    return rankings;
  }

  /** Whether the parts of each document are kept (the {@code [personalize]} field asked). */
  public boolean partsWanted() {
    return partsWanted;
  }

  /** The rankings of {@code req}, or null when nothing asked for them. */
  public static WindowRankings ifRecorded(SolrQueryRequest req) {
    return req == null ? null : (WindowRankings) req.getContext().get(CONTEXT_KEY);
  }

  /** The rankings of the current request, or null. */
  static WindowRankings ofCurrentRequest() {
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    return info == null ? null : ifRecorded(info.getReq());
  }

  void put(Team team, Ranking ranking) {
    rankings.put(team, ranking);
  }

  void teams(Map<Integer, Team> teams) {
    this.teams = Map.copyOf(teams);
  }

  /** The ranking of a model, or null when it did not rerank (no profile, text order). */
  public Ranking ranking(Team team) {
    return rankings.get(team);
  }

  /** The team of a document of an interleaved window; null without interleaving. */
  public Team team(int doc) {
    return teams.get(doc);
  }

  /** Whether the window was interleaved. */
  public boolean interleaved() {
    return !teams.isEmpty();
  }

  /**
   * The parts of a document under the model that placed it; null outside the window or when that
   * model kept the text order ({@link #fallbackOf}).
   */
  public Parts partsOf(int doc) {
    Team team = teams.getOrDefault(doc, Team.ACTIVE);
    Ranking ranking = rankings.get(team);
    return ranking == null || ranking.fallback() != null ? null : ranking.parts().get(doc);
  }

  /**
   * Why the team that placed a document of an interleaved page showed the text order; null when its
   * model scored the window or without interleaving.
   */
  public String fallbackOf(int doc) {
    Team team = teams.get(doc);
    Ranking ranking = team == null ? null : rankings.get(team);
    return ranking == null ? null : ranking.fallback();
  }

  /** Whether any model reranked the window (else the request kept its text order). */
  public boolean reranked() {
    return !rankings.isEmpty();
  }

  static Map<Integer, Parts> newPartsMap(int size) {
    return new HashMap<>(Math.max(16, size * 2));
  }
}
