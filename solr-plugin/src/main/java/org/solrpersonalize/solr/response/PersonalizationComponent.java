package org.solrpersonalize.solr.response;

import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.common.util.SimpleOrderedMap;
import org.apache.solr.core.SolrCore;
import org.apache.solr.handler.component.ResponseBuilder;
import org.apache.solr.handler.component.SearchComponent;
import org.apache.solr.handler.component.ShardRequest;
import org.apache.solr.handler.component.ShardResponse;
import org.apache.solr.util.plugin.SolrCoreAware;
import org.solrpersonalize.solr.cache.ItemFactorCache;
import org.solrpersonalize.solr.interleave.TeamDraftInterleaving;
import org.solrpersonalize.solr.metrics.PersonalizeMetrics;
import org.solrpersonalize.solr.search.BadRequests;
import org.solrpersonalize.solr.search.MergedPageDiversity;
import org.solrpersonalize.solr.search.PersonalizationReport;
import org.solrpersonalize.solr.search.PersonalizeQParserPlugin;
import org.solrpersonalize.solr.search.RequestPersonalization;
import org.solrpersonalize.solr.search.WindowRankings;

/**
 * Adds the {@code personalization} section to responses of requests that used the plugin, and on a
 * distributed request's coordinator pins the model it resolved for every shard request (so no
 * request combines two models, even while a switch happens). Register as a last-component:
 *
 * <pre>
 * {@code <searchComponent name="personalization" class="org.solrpersonalize.solr.response.PersonalizationComponent"/>}
 * </pre>
 */
public class PersonalizationComponent extends SearchComponent implements SolrCoreAware {
  public static final String SECTION = "personalization";

  /**
   * Entry of the section in debug requests: the item-factor cache's {@code mode}, {@code bytes},
   * {@code rows}, {@code segments}, {@code segmentsCached}, {@code slots} and {@code denseSlots} on
   * this core.
   */
  public static final String ITEM_CACHE = "itemCache";

  private static final Pattern PERSONALIZE_LOCAL_PARAMS =
      Pattern.compile("\\s*\\{!\\s*(type\\s*=\\s*)?personalize[\\s}]");

  /**
   * Refuses {@code q={!personalize ...}}: under edismax or dismax Solr does not parse local
   * parameters in {@code q} and would search their text, answering an unrelated page. The parsers
   * resolve the model when the request first needs it; there is nothing else to prepare.
   */
  @Override
  public void prepare(ResponseBuilder rb) {
    String q = rb.req.getParams().get(CommonParams.Q);
    if (q != null && PERSONALIZE_LOCAL_PARAMS.matcher(q).lookingAt()) {
      throw BadRequests.of(PersonalizeQParserPlugin.RQ_ONLY);
    }
  }

  /**
   * Every parser of ours (rerank, functions in q/fl/sort/boost) resolves the request's model on the
   * coordinator while the request is parsed; whatever it resolved is what every shard must use.
   */
  @Override
  public void modifyRequest(ResponseBuilder rb, SearchComponent who, ShardRequest sreq) {
    RequestPersonalization rp = RequestPersonalization.ifResolved(rb.req);
    if (rp != null) {
      rp.model().ifPresent(m -> sreq.params.set(RequestPersonalization.MODEL_PARAM, m.modelId()));
      if ((sreq.purpose & ShardRequest.PURPOSE_GET_TOP_IDS) != 0 && rb.getSortSpec() != null) {
        // Shards are asked for start=0, rows=start+rows: maxPerCluster counts in the real pages.
        sreq.params.set(PersonalizeQParserPlugin.PAGE_ROWS_PARAM, rb.getSortSpec().getCount());
      }
      askForRankings(rb, sreq);
    }
  }

  /**
   * An interleaving coordinator pins its candidate (or none) for every shard and asks for the
   * shards' rankings under both models ({@link ShardRankings}); so does a request for the {@code
   * [personalize]} field, whose values the shards' stored-fields pass cannot compute.
   */
  private static void askForRankings(ResponseBuilder rb, ShardRequest sreq) {
    RequestPersonalization used = RequestPersonalization.ifUsed(rb.req);
    PersonalizationReport report = used == null ? null : used.report();
    if (report != null && report.interleaveRequested) {
      sreq.params.set(
          RequestPersonalization.CANDIDATE_PARAM, report.candidate == null ? "" : report.candidate);
    }
    boolean interleaving = report != null && report.candidate != null;
    WindowRankings rankings = WindowRankings.ifRecorded(rb.req);
    if ((sreq.purpose & ShardRequest.PURPOSE_GET_TOP_IDS) == 0
        || !(interleaving || (rankings != null && rankings.partsWanted()))) {
      return;
    }
    sreq.params.set(WindowRankings.SHARD_PARAM, true);
    if (interleaving && (sreq.purpose & ShardRequest.PURPOSE_GET_FIELDS) != 0) {
      // The interleaved page may hold documents missing from the shards' score-merged pages:
      // their fields come in a second pass, by id.
      sreq.purpose &= ~ShardRequest.PURPOSE_GET_FIELDS;
      rb.onePassDistributedQuery = false;
    }
  }

  @Override
  public void process(ResponseBuilder rb) throws IOException {
    RequestPersonalization rp = RequestPersonalization.ifUsed(rb.req);
    if (rp != null) {
      PersonalizeMetrics metrics = PersonalizeMetrics.of(rb.req.getCore());
      metrics.personalized(rp.report().fallback);
      if (rp.report().interleaveFallback != null) {
        metrics.interleaveFallback(rp.report().interleaveFallback);
      }
      SimpleOrderedMap<Object> section = rp.report().toNamedList();
      if (rb.isDebug() && rb.req.getSearcher() != null) {
        // What the item-factor cache of this core holds: debugging a slow rerank starts here.
        section.add(ITEM_CACHE, ItemFactorCache.describe(rb.req.getSearcher().getIndexReader()));
      }
      rb.rsp.add(SECTION, section);
    }
    ShardRankings.addTo(rb);
  }

  @Override
  public void handleResponses(ResponseBuilder rb, ShardRequest sreq) {
    RequestPersonalization rp = RequestPersonalization.ifUsed(rb.req);
    if (rp == null) {
      return;
    }
    if ((sreq.purpose & ShardRequest.PURPOSE_GET_TOP_IDS) != 0) {
      mergeShardSections(rb, sreq, rp.report());
      if (sreq.params.getBool(WindowRankings.SHARD_PARAM, false)) {
        ShardRankings rankings = ShardRankings.collect(rb, sreq);
        PersonalizationReport report = rp.report();
        if (report.candidate != null) {
          rankings.interleave(
              rb,
              TeamDraftInterleaving.seed(report.user, rb.req.getParams().get(CommonParams.Q)),
              report);
        }
      }
      // After any interleaving: the page measured is the page shown.
      MergedPageDiversity.report(rb, sreq, rp.report());
    }
    ShardRankings rankings = ShardRankings.ofRequest(rb);
    String field = PersonalizeTransformerFactory.fieldOf(rb.req);
    if ((sreq.purpose & ShardRequest.PURPOSE_GET_FIELDS) != 0
        && rankings != null
        && field != null) {
      rankings.fillFeatureLogs(rb, field, rp.report().fallback);
    }
  }

  private static void mergeShardSections(
      ResponseBuilder rb, ShardRequest sreq, PersonalizationReport report) {
    report.windowSize = 0;
    report.docsWithoutFactors = 0;
    report.seenExcluded.set(0);
    report.seenDemoted = 0;
    for (ShardResponse shard : sreq.responses) {
      NamedList<?> rsp =
          shard.getSolrResponse() == null ? null : shard.getSolrResponse().getResponse();
      Object section = rsp == null ? null : rsp.get(SECTION);
      // A shard without the counts (say, of an older plugin) adds nothing rather than failing.
      if (section instanceof NamedList<?> s
          && s.get("windowSize") instanceof Number window
          && s.get("docsWithoutFactors") instanceof Number missing) {
        report.windowSize += window.intValue();
        report.docsWithoutFactors += missing.intValue();
      }
      if (section instanceof NamedList<?> s
          && s.get(PersonalizationReport.SEEN) instanceof NamedList<?> seen) {
        report.seenExcluded.addAndGet(seen.get("excluded") instanceof Number n ? n.intValue() : 0);
        report.seenDemoted += seen.get("demoted") instanceof Number n ? n.intValue() : 0;
      }
      // A shard whose rerank a query limit stopped kept its text order: the page says so.
      if (section instanceof NamedList<?> s
          && PersonalizationReport.TIME_ALLOWED.equals(s.get("fallback"))
          && report.fallback == null) {
        report.fallback = PersonalizationReport.TIME_ALLOWED;
      }
    }
  }

  @Override
  public void finishStage(ResponseBuilder rb) {
    if (rb.stage != ResponseBuilder.STAGE_GET_FIELDS) {
      return;
    }
    RequestPersonalization rp = RequestPersonalization.ifUsed(rb.req);
    if (rp != null) {
      SimpleOrderedMap<Object> section = rp.report().toNamedList();
      rb.rsp.add(SECTION, section);
    }
  }

  /** Registers the core's metrics at load, so they show before the first request. */
  @Override
  public void inform(SolrCore core) {
    PersonalizeMetrics.of(core);
  }

  @Override
  public String getDescription() {
    return "personalization response section and model pinning";
  }
}
