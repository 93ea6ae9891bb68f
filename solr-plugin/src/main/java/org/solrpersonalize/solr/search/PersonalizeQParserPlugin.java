package org.solrpersonalize.solr.search;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.search.Query;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.GroupParams;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.handler.component.ResponseBuilder;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.request.SolrRequestInfo;
import org.apache.solr.search.QParser;
import org.apache.solr.search.QParserPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.solrpersonalize.solr.interleave.Team;
import org.solrpersonalize.solr.store.ModelConstants;
import org.solrpersonalize.solr.store.UserProfile;
import org.solrpersonalize.solr.store.UsersStores;

/**
 * {@code rq={!personalize user=U reRankDocs=200 textWeight=1 dotWeight=1 clusterWeight=0.5
 * norm=zscore}} reranks the top {@code reRankDocs} documents of the main query for one user.
 * Example request:
 *
 * <pre>
 * /solr/catalog/select?q=running shoes&amp;rq={!personalize user=u000042}&amp;fl=id,title,score
 * </pre>
 *
 * Instead of {@code user}, {@code items=i1,i2,...} builds an anonymous session's profile by ALS
 * fold-in and {@code uv=f1,f2,...} gives the user vector itself. Unknown users, a missing model and
 * documents without factors fall back to text order, reported in the {@code personalization}
 * response section. Register in solrconfig.xml, with the users stores requests may name in {@code
 * pz.users} (default {@code users}):
 *
 * <pre>{@code
 * <queryParser name="personalize"
 *     class="org.solrpersonalize.solr.search.PersonalizeQParserPlugin">
 *   <str name="usersStores">users</str>
 * </queryParser>
 * }</pre>
 *
 * Only {@code rq} may use it; with {@code group=true}, {@code cursorMark}, or (on a collection of
 * several shards) a page past {@code reRankDocs}, {@code diversity}/{@code maxPerCluster} or {@code
 * seen=demote} it is an HTTP 400. {@code seen=exclude} leaves the user's seen items (the profile's
 * recent items, or the {@code items=} session's) out of the results; {@code seen=demote} moves them
 * behind the window's unseen documents.
 */
public class PersonalizeQParserPlugin extends QParserPlugin {
  private static final Logger log = LoggerFactory.getLogger(MethodHandles.lookup().lookupClass());
  public static final String NAME = "personalize";

  /** The 400 of the parser used anywhere but {@code rq}. */
  public static final String RQ_ONLY =
      "personalize: {!personalize} reranks another query and"
          + " belongs in rq, e.g. q=shoes&rq={!personalize user=U}; it cannot be used in q, fq,"
          + " defType or a nested query";

  /**
   * Internal parameter: the {@code rows} of the page a distributed request's coordinator shows,
   * sent to its shards (which are asked for {@code start=0, rows=start+rows}), so that {@code
   * maxPerCluster} counts in the same pages on a shard as on one core.
   */
  public static final String PAGE_ROWS_PARAM = "pz.rows";

  private Set<String> usersStores = Set.of(UsersStores.DEFAULT_USERS);

  /** Reads {@value UsersStores#STORES_INIT_ARG}: the users stores a request may name. */
  @Override
  public void init(NamedList<?> args) {
    Object stores = args == null ? null : args.get(UsersStores.STORES_INIT_ARG);
    usersStores = UsersStores.parseConfigured(stores == null ? null : stores.toString());
  }

  /** The users stores {@code pz.users} may name. */
  public Set<String> usersStores() {
    return usersStores;
  }

  @Override
  public QParser createParser(
      String qstr, SolrParams localParams, SolrParams params, SolrQueryRequest req) {
    return new QParser(qstr, localParams, params, req) {
      @Override
      public Query parse() {
        checkUsedAsRankQuery(req, params);
        if (params.getBool(GroupParams.GROUP, false)) {
          // Solr's grouping collects groups by the first-pass score and drops the rank query
          // without a word; a page that silently is not personalized is worse than an error.
          throw BadRequests.of(
              "personalize: rq does not work with group=true (grouping ignores rank queries); turn grouping off");
        }
        if (params.get(CursorMarkParams.CURSOR_MARK_PARAM) != null) {
          // A cursor resumes after the last document's sort values, but the rerank rescales the
          // whole window on every request: the next page cannot be found from those values.
          throw BadRequests.of(
              "personalize: rq does not work with cursorMark (the rerank gives"
                  + " scores a cursor cannot resume from); page with start and rows, or leave out rq"
                  + " to export the catalog with a cursor");
        }
        PersonalizeParams p = PersonalizeParams.parse(localParams);
        checkPageInsideWindow(p, params);
        checkDiversityOnOneShard(p);
        checkDemoteOnOneShard(p);
        pageRows(params);
        return build(p, req);
      }
    };
  }

  /**
   * Only {@code rq} may use this parser: anywhere else (q, fq, defType, a nested query) the query
   * it builds has no main query to rerank. Solr's QueryComponent parses {@code rq} right after
   * {@code q} and before the filters, sort and fields: the one moment the main query is known and
   * no rank query is yet.
   */
  static void checkUsedAsRankQuery(SolrQueryRequest req, SolrParams params) {
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    ResponseBuilder rb = info == null ? null : info.getResponseBuilder();
    boolean inRq;
    if (rb != null && rb.req == req) {
      inRq =
          params.get(CommonParams.RQ) != null && rb.getQuery() != null && rb.getRankQuery() == null;
    } else {
      // A request Solr runs inside another (spellcheck collations): only the rq check remains;
      // PersonalizeQuery refuses to run without a main query.
      inRq = params.get(CommonParams.RQ) != null;
    }
    if (!inRq) {
      throw BadRequests.of(RQ_ONLY);
    }
  }

  /**
   * A distributed request's shards each rerank their own window and keep text scores beyond it, so
   * the coordinator's merge by score would let documents beyond the windows overtake reranked ones:
   * such pages would repeat or skip documents. Pages inside the window merge correctly.
   */
  static void checkPageInsideWindow(PersonalizeParams p, SolrParams params) {
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    ResponseBuilder rb = info == null ? null : info.getResponseBuilder();
    if (rb == null || rb.shards == null || rb.shards.length < 2) {
      return;
    }
    long end =
        (long) params.getInt(CommonParams.START, 0)
            + params.getInt(CommonParams.ROWS, CommonParams.ROWS_DEFAULT);
    if (end > p.reRankDocs()) {
      throw BadRequests.formatted(
          "personalize: start + rows = %d reaches beyond reRankDocs = %d"
              + " on a collection of %d shards, whose shards rerank separately: pages past the"
              + " window would repeat or skip documents; raise reRankDocs to at least %d or stop"
              + " paging at the window",
          end, p.reRankDocs(), rb.shards.length, end);
    }
  }

  /**
   * Diversity orders a page by what is already on it, over the whole window: the shards of a
   * distributed request would each diversify their own part of the window, and the coordinator
   * merges their pages by score, which the diversified order does not follow. A collection of one
   * shard keeps the shard's order (the coordinator's merge keeps each shard's order).
   */
  static void checkDiversityOnOneShard(PersonalizeParams p) {
    if (!p.diversifies()) {
      return;
    }
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    ResponseBuilder rb = info == null ? null : info.getResponseBuilder();
    if (rb == null || rb.shards == null || rb.shards.length < 2) {
      return;
    }
    String given =
        p.diversity() > 0 && p.maxPerCluster() != DiversitySelection.NO_CAP
            ? PersonalizeParams.DIVERSITY + " and " + PersonalizeParams.MAX_PER_CLUSTER
            : p.diversity() > 0 ? PersonalizeParams.DIVERSITY : PersonalizeParams.MAX_PER_CLUSTER;
    throw BadRequests.formatted(
        "personalize: %s cannot be used on a collection of %d shards: each shard would"
            + " diversify its own part of the window and the coordinator merges pages by score;"
            + " leave %s out or search a collection of one shard",
        given, rb.shards.length, given);
  }

  /**
   * {@code seen=demote} reorders a shard's window without changing its scores, and the coordinator
   * merges the shards' pages by score, which would put the seen documents back. {@code
   * seen=exclude} works on any collection: each shard's search leaves them out.
   */
  static void checkDemoteOnOneShard(PersonalizeParams p) {
    if (p.seen() != SeenMode.DEMOTE) {
      return;
    }
    SolrRequestInfo info = SolrRequestInfo.getRequestInfo();
    ResponseBuilder rb = info == null ? null : info.getResponseBuilder();
    if (rb == null || rb.shards == null || rb.shards.length < 2) {
      return;
    }
    throw BadRequests.formatted(
        "personalize: seen=demote cannot be used on a collection of %d shards: the coordinator"
            + " merges the shards' pages by score, which demoting does not change; use"
            + " seen=exclude, or search a collection of one shard",
        rb.shards.length);
  }

  /**
   * The rows of the page {@code maxPerCluster} counts in: {@value #PAGE_ROWS_PARAM} when the
   * coordinator sent it, else {@code rows}; a malformed value is a 400 naming it.
   */
  static int pageRows(SolrParams params) {
    String[] values = params.getParams(PAGE_ROWS_PARAM);
    if (values == null) {
      return Math.max(0, params.getInt(CommonParams.ROWS, CommonParams.ROWS_DEFAULT));
    }
    int rows = -1;
    if (values.length == 1) {
      try {
        rows = Integer.parseInt(values[0].trim());
      } catch (NumberFormatException e) {
        rows = -1;
      }
    }
    if (rows < 0) {
      String shown = String.join(",", values);
      throw BadRequests.formatted(
          "%s must be one integer >= 0 (the rows of the coordinator's page), got '%s'",
          PAGE_ROWS_PARAM, shown.length() > 32 ? shown.substring(0, 32) + "..." : shown);
    }
    return rows;
  }

  static PersonalizeQuery build(PersonalizeParams p, SolrQueryRequest req) {
    RequestPersonalization rp = RequestPersonalization.of(req);
    PersonalizationReport report = rp.report();
    Optional<ModelConstants> model = rp.model();
    float[] vector = null;
    float[] logAffinity = null;
    List<String> seen = p.items();
    if (model.isPresent()) {
      ModelConstants m = model.get();
      if (p.user() != null) {
        report.source = "profile";
        report.user = p.user();
        // Seen items are read only for a request that does something with them.
        Optional<UserProfile> profile =
            p.seen() == SeenMode.KEEP ? rp.user(p.user()) : rp.userAndSeen(p.user());
        report.userFound = profile.isPresent();
        if (profile.isPresent()) {
          vector = profile.get().vector();
          logAffinity = profile.get().logAffinity();
          seen = p.seen() == SeenMode.KEEP ? seen : profile.get().seenItems();
        } else if (rp.storeUnavailable() || rp.damagedProfile()) {
          report.source = "none";
          report.userFound = rp.damagedProfile() ? Boolean.TRUE : null;
          report.fallback =
              rp.damagedProfile()
                  ? RequestPersonalization.DAMAGED_PROFILE
                  : RequestPersonalization.USERS_STORE_UNAVAILABLE;
        } else {
          report.source = "none";
          report.userModel = rp.otherModelOf(p.user()).orElse(null);
          report.fallback =
              rp.storeUnavailable()
                  ? RequestPersonalization.USERS_STORE_UNAVAILABLE
                  : report.userModel == null ? "unknown-user" : "user-in-other-model";
          if (p.interleave() && p.seen() != SeenMode.KEEP) {
            // The candidate's side of the interleaved page personalizes for this user: what the
            // user has seen is then known from the candidate's profile.
            Optional<UserProfile> byCandidate = rp.candidateUserAndSeen(p.user());
            if (byCandidate.isPresent()) {
              seen = byCandidate.get().seenItems();
              report.seenFrom = PersonalizationReport.SEEN_FROM_CANDIDATE;
            }
          }
        }
      } else if (!p.items().isEmpty()) {
        report.source = "session";
        SessionProfile session;
        try {
          session = SessionProfile.fromItems(req, rp, m, p.items());
        } catch (IOException e) {
          throw new SolrException(
              SolrException.ErrorCode.SERVER_ERROR,
              "personalize: reading the factors of the session's items failed: " + e.getMessage(),
              e);
        }
        report.sessionItemsFound = session.itemsFound;
        if (session.itemsFound > 0) {
          vector = session.vector;
          logAffinity = session.logAffinity;
        } else {
          report.source = "none";
          report.fallback = "no-session-items";
        }
      } else {
        if (p.vector().length != m.factors()) {
          throw BadRequests.formatted(
              "personalize: uv has %d values but model %s has %d factors",
              p.vector().length, m.modelId(), m.factors());
        }
        report.source = "vector";
        vector = p.vector();
      }
    }
    if (report.fallback != null && log.isDebugEnabled()) {
      log.debug(
          "personalize: fallback {} (source {}, user {}, model {})",
          report.fallback,
          report.source,
          report.user,
          report.model);
    }
    if (p.seen() != SeenMode.KEEP) {
      report.seenMode = p.seen().value();
      report.seenItems = seen.size();
    }
    SeenItems seenItems = SeenItems.of(p.seen(), seen, req.getSchema().getUniqueKeyField());
    PersonalizeRescorer rescorer =
        new PersonalizeRescorer(
            p,
            model.map(ModelConstants::modelId).orElse(null),
            rp.itemField(),
            rp.modelField(),
            rp.factors(),
            rp.clusters(),
            vector,
            logAffinity,
            model.map(ModelConstants::logWeights).orElse(null),
            p.seen() == SeenMode.DEMOTE ? seenItems : null,
            Team.ACTIVE);
    if (req.getParams().getBool(WindowRankings.SHARD_PARAM, false)) {
      WindowRankings.recordWithParts(req);
    }
    return new PersonalizeQuery(
        null,
        p.reRankDocs(),
        p.interleave() ? InterleavingRescorer.of(p, req, rp, rescorer) : rescorer,
        p.seen() == SeenMode.EXCLUDE ? seenItems : null);
  }
}
