package org.solrpersonalize.solr.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Timer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.solr.core.SolrCore;
import org.apache.solr.core.SolrInfoBean;
import org.apache.solr.metrics.SolrMetricsContext;
import org.apache.solr.request.SolrRequestInfo;

/**
 * A catalog core's personalization metrics, in the core's registry ({@code solr.core.<core>}) under
 * {@code QUERY.personalize.}:
 *
 * <pre>
 * QUERY.personalize.requests                      requests that personalized (any source)
 * QUERY.personalize.fallbacks.&lt;reason&gt;            of which with that fallback (unknown-user, ...)
 * QUERY.personalize.interleaved.requests          interleaved requests
 * QUERY.personalize.interleaved.activeDocs        documents the active team placed on their pages
 * QUERY.personalize.interleaved.candidateDocs     documents the candidate team placed
 * QUERY.personalize.interleaved.teams.even        pages where both teams placed as many documents
 * QUERY.personalize.interleaved.teams.moreActive  pages where the active team placed one more
 * QUERY.personalize.interleaved.teams.moreCandidate
 * QUERY.personalize.rerankTime                    timer of each rerank (window rescoring)
 * </pre>
 *
 * Example: {@code /solr/admin/metrics?group=core&prefix=QUERY.personalize}. A distributed request
 * counts on each shard core that reranked, not on its coordinator. The counters live as long as the
 * registry (a core reload keeps them).
 */
public final class PersonalizeMetrics {
  /** The prefix of every name: Solr's category and our scope. */
  public static final String PREFIX = SolrInfoBean.Category.QUERY + ".personalize.";

  /** Fallback reasons registered up front, so that each shows (as 0) before it first happens. */
  static final List<String> KNOWN_FALLBACKS =
      List.of(
          "unknown-user",
          "user-in-other-model",
          "no-active-model",
          "no-session-items",
          "users-store-unavailable",
          "damaged-profile",
          "time-allowed",
          "interleave.no-candidate");

  private static final Map<SolrCore, PersonalizeMetrics> BY_CORE =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Outside a request (a rescorer called directly): counts into metrics nobody reads. */
  private static final PersonalizeMetrics DETACHED = new PersonalizeMetrics(name -> new Counter());

  private final Function<String, Counter> counters;
  private final Counter requests;
  private final Map<String, Counter> fallbacks = new ConcurrentHashMap<>();
  private final Counter interleaved;
  private final Counter activeDocs;
  private final Counter candidateDocs;
  private final Counter evenTeams;
  private final Counter moreActive;
  private final Counter moreCandidate;
  private final Timer rerankTime;

  private PersonalizeMetrics(Function<String, Counter> counters) {
    this(counters, new Timer());
  }

  private PersonalizeMetrics(Function<String, Counter> counters, Timer rerankTime) {
    this.counters = counters;
    this.requests = counters.apply("requests");
    this.interleaved = counters.apply("interleaved.requests");
    this.activeDocs = counters.apply("interleaved.activeDocs");
    this.candidateDocs = counters.apply("interleaved.candidateDocs");
    this.evenTeams = counters.apply("interleaved.teams.even");
    this.moreActive = counters.apply("interleaved.teams.moreActive");
    this.moreCandidate = counters.apply("interleaved.teams.moreCandidate");
    this.rerankTime = rerankTime;
    for (String reason : KNOWN_FALLBACKS) {
      fallback(reason);
    }
  }

  /** The metrics of a core, registered in its registry the first time. */
  public static PersonalizeMetrics of(SolrCore core) {
    synchronized (BY_CORE) {
      return BY_CORE.computeIfAbsent(core, PersonalizeMetrics::register);
    }
  }

  /** The metrics of the current request's core (detached ones outside a request). */
  public static PersonalizeMetrics ofRequest() {
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    SolrCore core = info == null || info.getReq() == null ? null : info.getReq().getCore();
    return core == null ? DETACHED : of(core);
  }

  private static PersonalizeMetrics register(SolrCore core) {
    SolrMetricsContext context = core.getSolrMetricsContext();
    return new PersonalizeMetrics(
        name -> context.counter(PREFIX + name), context.timer(PREFIX + "rerankTime"));
  }

  /** One request personalized; {@code fallback} is its reason when it fell back, else null. */
  public void personalized(String fallback) {
    requests.inc();
    if (fallback != null) {
      fallback(fallback).inc();
    }
  }

  /**
   * One {@code interleave=candidate} request ranked by the active model alone, for {@code reason}
   * (such as {@code no-candidate}); counted under {@code fallbacks.interleave.<reason>}.
   */
  public void interleaveFallback(String reason) {
    fallback("interleave." + reason).inc();
  }

  private Counter fallback(String reason) {
    return fallbacks.computeIfAbsent(reason, r -> counters.apply("fallbacks." + r));
  }

  /**
   * One interleaved page: how many of its documents each team placed (team-draft keeps them within
   * one of each other).
   */
  public void interleaved(int activeDocs, int candidateDocs) {
    interleaved.inc();
    this.activeDocs.inc(activeDocs);
    this.candidateDocs.inc(candidateDocs);
    (activeDocs == candidateDocs
            ? evenTeams
            : activeDocs > candidateDocs ? moreActive : moreCandidate)
        .inc();
  }

  /** Starts timing one rerank; close the context when it ends. */
  public Timer.Context timeRerank() {
    return rerankTime.time();
  }
}
