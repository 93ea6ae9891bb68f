package org.solrpersonalize.solr.search;

import com.codahale.metrics.Timer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Rescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.request.SolrQueryRequest;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.solr.interleave.Team;
import org.solrpersonalize.solr.interleave.TeamDraftInterleaving;
import org.solrpersonalize.solr.metrics.PersonalizeMetrics;
import org.solrpersonalize.solr.store.ModelConstants;
import org.solrpersonalize.solr.store.UserProfile;

/**
 * {@code interleave=candidate}: reranks the window under the active model and under the candidate
 * ({@link PersonalizeRescorer} each, diversity and {@code seen=demote} included) in one pass over
 * the window ({@link PersonalizeRescorer#rescoreWindows}: one doc-id sort, one leaf walk reading
 * both models' rows, one text normalization), then drafts the page ({@code start + rows}) by {@link
 * TeamDraftInterleaving} seeded by the user and {@code q}; the rest of the window, never shown,
 * follows in the active model's order. Each document keeps the score of the model whose team placed
 * it, so an interleaved page is not sorted by score; its teams are in {@link WindowRankings} for
 * the {@code [personalize]} field and the shards' rankings. With {@code seen=exclude} the seen
 * items never reach the window (the main query leaves them out), so neither model can place them.
 */
final class InterleavingRescorer extends Rescorer {
  /** Interleaving fallback: the pointer names no candidate model. */
  static final String NO_CANDIDATE = "no-candidate";

  /** Interleaving fallback: {@code items=} and {@code uv=} profiles belong to one model. */
  static final String NEEDS_USER = "needs-user";

  /** Interleaving fallback: the active model itself did not rerank ({@code fallback} says why). */
  static final String NOT_PERSONALIZED = "not-personalized";

  /**
   * Why the candidate's team of an interleaved page shows the text order: the candidate has no
   * profile of the user (the {@code [personalize]} field of the documents it placed).
   */
  static final String USER_NOT_IN_CANDIDATE = "user-not-in-candidate";

  /** All this rescorer is, and so what its equals and hashCode compare. */
  private final Draft draft;

  private InterleavingRescorer(Draft draft) {
    this.draft = draft;
  }

  /**
   * A team draft: each team's rescorer, the seed of its picks and the team that has no profile of
   * the user.
   */
  private record Draft(
      PersonalizeRescorer active, PersonalizeRescorer candidate, long seed, NoProfile noProfile) {
    PersonalizeRescorer rescorerOf(Team team) {
      return team == Team.CANDIDATE ? candidate : active;
    }
  }

  /**
   * The rescorer of an {@code interleave=candidate} request: this one when the active model or the
   * candidate knows the user, else {@code active} alone, with the reason in the report's {@code
   * interleave} section. A model without a profile of the user (a new user of tonight's candidate,
   * or one it dropped) takes part with its fallback, the window's text order, and the section's
   * {@code noProfile} names it: such users are a share of the traffic the comparison must see.
   */
  static Rescorer of(
      PersonalizeParams p,
      SolrQueryRequest req,
      RequestPersonalization rp,
      PersonalizeRescorer active) {
    PersonalizationReport report = rp.report();
    report.interleaveRequested = true;
    // The active model fell back because it has no profile of this user (not for a store
    // failure, a damaged profile or a missing model): the candidate may still know the user.
    boolean activeLacksUser = !active.personalizes() && Boolean.FALSE.equals(report.userFound);
    Optional<ModelConstants> model = Optional.empty();
    Optional<UserProfile> profile = Optional.empty();
    String fallback = null;
    if (p.user() == null) {
      fallback = NEEDS_USER;
    } else if (!active.personalizes() && !activeLacksUser) {
      fallback = NOT_PERSONALIZED;
    } else {
      model = rp.candidate();
      profile = model.isEmpty() ? Optional.empty() : rp.candidateUser(p.user());
      if (rp.storeUnavailable()) {
        fallback = RequestPersonalization.USERS_STORE_UNAVAILABLE;
      } else if (activeLacksUser && (model.isEmpty() || profile.isEmpty())) {
        fallback = NOT_PERSONALIZED;
      } else if (model.isEmpty()) {
        fallback = NO_CANDIDATE;
      } else if (rp.damagedProfile()) {
        fallback = RequestPersonalization.DAMAGED_PROFILE;
      }
    }
    if (fallback != null) {
      report.interleaveFallback = fallback;
      return active;
    }
    ModelConstants m = model.get();
    report.candidate = m.modelId();
    Team noProfile = activeLacksUser ? Team.ACTIVE : profile.isEmpty() ? Team.CANDIDATE : null;
    report.interleaveNoProfile = noProfile == null ? null : noProfile.parameterValue();
    PersonalizeRescorer byCandidate =
        new PersonalizeRescorer(
            p,
            m.modelId(),
            ModelFields.itemField(m.slot()),
            ModelFields.itemModelField(m.slot()),
            m.factors(),
            m.clusters(),
            profile.map(UserProfile::vector).orElse(null),
            profile.map(UserProfile::logAffinity).orElse(null),
            m.logWeights(),
            // seen=demote holds on the interleaved page: both rankings put the seen items last.
            active.demoted(),
            Team.CANDIDATE);
    WindowRankings.record(req);
    String noProfileReason =
        noProfile == Team.ACTIVE
            ? report.fallback
            : noProfile == Team.CANDIDATE ? USER_NOT_IN_CANDIDATE : null;
    return new InterleavingRescorer(
        new Draft(
            active,
            byCandidate,
            TeamDraftInterleaving.seed(p.user(), req.getParams().get(CommonParams.Q)),
            new NoProfile(
                noProfile,
                noProfile == Team.ACTIVE
                    ? rp.model().map(ModelConstants::modelId).orElse(null)
                    : m.modelId(),
                noProfileReason)));
  }

  /**
   * The side of an interleaved page whose model has no profile of the user, its model id and why;
   * {@code team} null when both models scored.
   */
  private record NoProfile(Team team, String model, String reason) {}

  @Override
  public TopDocs rescore(IndexSearcher searcher, TopDocs firstPass, int topN) throws IOException {
    try (Timer.Context timing = PersonalizeMetrics.ofRequest().timeRerank()) {
      return interleave(searcher, firstPass, topN);
    }
  }

  private TopDocs interleave(IndexSearcher searcher, TopDocs firstPass, int topN)
      throws IOException {
    int n = firstPass.scoreDocs.length;
    WindowDiversity.Page page = WindowDiversity.Page.ofRequest();
    // The candidate gets a copy (a rescorer writes its scores into the hits); the active model
    // takes the window itself, as it does without interleaving. One pass reads both models' rows.
    // Each ranks no further than the page or topN reaches: nothing reads further.
    TopDocs[] ranked =
        PersonalizeRescorer.rescoreWindows(
            searcher,
            new TopDocs[] {firstPass, DocOrderWindow.copyOf(firstPass)},
            new PersonalizeRescorer[] {draft.active(), draft.candidate()},
            Math.min(n, Math.max(topN, page.reach())));
    ScoreDoc[] byActive = ranked[0].scoreDocs;
    ScoreDoc[] byCandidate = ranked[1].scoreDocs;
    Team noProfile = draft.noProfile().team();
    if (noProfile != null) {
      recordTextOrder(noProfile == Team.ACTIVE ? byActive : byCandidate);
    }
    // Only the page is interleaved: its first picks read no further than the page's end in
    // either ranking, and the window's rest, never shown, follows in the active model's order.
    int reach = Math.min(n, Math.min(byActive.length, byCandidate.length));
    reach = Math.min(reach, page.reach());
    Map<Integer, ScoreDoc> activeDocs = new HashMap<>(2 * reach);
    Map<Integer, ScoreDoc> candidateDocs = new HashMap<>(2 * reach);
    List<Integer> activeOrder = new ArrayList<>(reach);
    List<Integer> candidateOrder = new ArrayList<>(reach);
    for (int i = 0; i < reach; i++) {
      activeDocs.put(byActive[i].doc, byActive[i]);
      activeOrder.add(byActive[i].doc);
      candidateDocs.put(byCandidate[i].doc, byCandidate[i]);
      candidateOrder.add(byCandidate[i].doc);
    }
    List<TeamDraftInterleaving.Pick<Integer>> picks =
        TeamDraftInterleaving.interleave(activeOrder, candidateOrder, reach, draft.seed());
    // The page's picks, then the active ranking's other documents: the rankings may stop at the
    // page, so the candidate's picks need not be among the active model's documents.
    ScoreDoc[] interleaved = new ScoreDoc[picks.size() + byActive.length];
    Map<Integer, Team> teams = new HashMap<>(2 * picks.size());
    int activeOnPage = 0;
    int candidateOnPage = 0;
    for (int i = 0; i < picks.size(); i++) {
      TeamDraftInterleaving.Pick<Integer> pick = picks.get(i);
      interleaved[i] = (pick.team() == Team.ACTIVE ? activeDocs : candidateDocs).get(pick.item());
      teams.put(pick.item(), pick.team());
      if (i >= page.start()) {
        if (pick.team() == Team.ACTIVE) {
          activeOnPage++;
        } else {
          candidateOnPage++;
        }
      }
    }
    // The page's few documents, sorted: the window's rest is found without boxing its doc ids.
    int[] onPage = new int[picks.size()];
    for (int i = 0; i < onPage.length; i++) {
      onPage[i] = picks.get(i).item();
    }
    Arrays.sort(onPage);
    int next = picks.size();
    for (ScoreDoc d : byActive) {
      if (Arrays.binarySearch(onPage, d.doc) < 0) {
        interleaved[next++] = d;
      }
    }
    WindowRankings rankings = WindowRankings.ofCurrentRequest();
    if (rankings != null) {
      rankings.teams(teams);
    }
    PersonalizationReport report = PersonalizeRescorer.currentReport();
    if (report != null) {
      report.activeTeam = activeOnPage;
      report.candidateTeam = candidateOnPage;
    }
    if (!PersonalizeRescorer.isShardRequest()) {
      // A shard's window is not a page: the coordinator counts the page it interleaves.
      PersonalizeMetrics.ofRequest().interleaved(activeOnPage, candidateOnPage);
    }
    return new TopDocs(firstPass.totalHits, Arrays.copyOf(interleaved, Math.min(next, topN)));
  }

  /**
   * Keeps the text order of the side without a profile, which its rescorer does not record: the
   * teams, the {@code [personalize]} field and a coordinator's merge read it. Its scores are the
   * first-pass ones, kept as the text part for a merge.
   */
  private void recordTextOrder(ScoreDoc[] textOrder) {
    NoProfile noProfile = draft.noProfile();
    WindowRankings rankings = WindowRankings.ofCurrentRequest();
    if (rankings == null) {
      return;
    }
    int[] order = new int[textOrder.length];
    Map<Integer, WindowRankings.Parts> parts =
        rankings.partsWanted() ? WindowRankings.newPartsMap(order.length) : Map.of();
    for (int i = 0; i < order.length; i++) {
      ScoreDoc d = textOrder[i];
      order[i] = d.doc;
      if (rankings.partsWanted()) {
        parts.put(
            d.doc,
            new WindowRankings.Parts(noProfile.model(), d.score, d.score, d.score, 0, 0, 0, 0));
      }
    }
    rankings.put(
        noProfile.team(),
        new WindowRankings.Ranking(noProfile.model(), order, parts, noProfile.reason()));
  }

  /** The explanation of the model whose team placed the document. */
  @Override
  public Explanation explain(IndexSearcher searcher, Explanation firstPass, int docID)
      throws IOException {
    WindowRankings rankings = WindowRankings.ofCurrentRequest();
    Team team = rankings == null ? null : rankings.team(docID);
    return draft.rescorerOf(team).explain(searcher, firstPass, docID);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InterleavingRescorer r && draft.equals(r.draft);
  }

  @Override
  public int hashCode() {
    return draft.hashCode();
  }

  @Override
  public String toString() {
    return "interleave(" + draft.active() + ", " + draft.candidate() + ")";
  }
}
