package org.solrpersonalize.solr.response;

import org.apache.solr.common.util.SimpleOrderedMap;
import org.solrpersonalize.solr.interleave.Team;
import org.solrpersonalize.solr.search.WindowRankings;

/**
 * The value of a document's {@code [personalize]} field, the log a team keeps with its clicks:
 *
 * <pre>{@code
 * {"model":"m2","score":0.93,"text":{"raw":12.1,"normalized":0.8},
 *  "dot":{"raw":1.7,"normalized":0.4},"cluster":{"raw":0.2,"normalized":-0.1},"team":"candidate"}
 * }</pre>
 *
 * {@code model} is the model that scored the document, {@code team} is there only on an interleaved
 * page, {@code cluster} is the lift the rerank weighs. A document the rerank did not score says why
 * instead: {@code {"fallback":"unknown-user"}} (any fallback of the {@code personalization}
 * section) or {@code {"fallback":"outside-window"}}; on an interleaved page where one model has no
 * profile of the user, the documents its team placed (in text order) say so with their team: {@code
 * {"fallback":"user-not-in-candidate","team":"candidate"}}.
 */
final class FeatureLog {
  /** Fallback of a document beyond the rerank window. */
  static final String OUTSIDE_WINDOW = "outside-window";

  /** Fallback of a request whose rerank did not run (no profile, no model). */
  static final String NOT_RERANKED = "not-reranked";

  private FeatureLog() {}

  static SimpleOrderedMap<Object> of(WindowRankings.Parts parts, Team team) {
    SimpleOrderedMap<Object> out = new SimpleOrderedMap<>();
    out.add("model", parts.model());
    out.add("score", parts.score());
    out.add("text", part(parts.textRaw(), parts.textNormalized()));
    out.add("dot", part(parts.dotRaw(), parts.dotNormalized()));
    out.add("cluster", part(parts.clusterRaw(), parts.clusterNormalized()));
    if (team != null) {
      out.add("team", team.parameterValue());
    }
    return out;
  }

  static SimpleOrderedMap<Object> fallback(String reason) {
    SimpleOrderedMap<Object> out = new SimpleOrderedMap<>();
    out.add("fallback", reason);
    return out;
  }

  /** A document an interleaving team placed in text order, its model having no profile. */
  static SimpleOrderedMap<Object> fallback(String reason, Team team) {
    SimpleOrderedMap<Object> out = fallback(reason);
    if (team != null) {
      out.add("team", team.parameterValue());
    }
    return out;
  }

  /**
   * Why a document has no parts: the request's fallback, else outside the window when the window
   * was reranked, else not reranked.
   */
  static String reasonWithoutParts(String requestFallback, boolean reranked) {
    return requestFallback != null ? requestFallback : reranked ? OUTSIDE_WINDOW : NOT_RERANKED;
  }

  private static SimpleOrderedMap<Object> part(double raw, double normalized) {
    SimpleOrderedMap<Object> out = new SimpleOrderedMap<>();
    out.add("raw", raw);
    out.add("normalized", normalized);
    return out;
  }
}
