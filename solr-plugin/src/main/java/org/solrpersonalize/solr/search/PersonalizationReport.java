package org.solrpersonalize.solr.search;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.solr.common.util.SimpleOrderedMap;

/**
 * What personalization did for one request; the {@code personalization} response section. Example:
 *
 * <pre>{@code
 * "personalization":{"model":"m20261123-101500-3fa9c2","slot":"a","source":"profile",
 *   "user":"u000042","userFound":true,"windowSize":200,"docsWithoutFactors":3,
 *   "pageClusters":7,"pageCosineDistance":0.93,
 *   "seen":{"mode":"exclude","items":200,"excluded":12}}
 * }</pre>
 *
 * {@code source} is {@code profile} (user=), {@code session} (items=), {@code vector} (uv=) or
 * {@code none}, with {@code fallback} saying why ({@code unknown-user}, {@code user-in-other-model}
 * with {@code userModel}, {@code no-active-model}, {@code no-session-items}, {@code
 * users-store-unavailable}, {@code damaged-profile}: a stored profile whose dimensions are not its
 * model's, {@code time-allowed}: the rerank would have run past {@code timeAllowed}, so the window
 * kept its text order). {@code pageClusters} and {@code pageCosineDistance} describe the page shown
 * ({@code start}, {@code rows}, its part inside the window): its distinct mixture clusters and the
 * mean cosine distance {@code 1 - cos} of its documents' item factors over all pairs ({@link
 * PageDiversity}); a distributed response has neither, since each shard sees only its part. {@code
 * seen} (with {@code seen=exclude|demote}) gives the user's or session's seen items and how many
 * documents the search left out ({@code excluded}: numFound is that much lower than without) or
 * moved behind the window's unseen documents ({@code demoted}), summed over the shards; {@code
 * "from":"candidate"} when they are the candidate model's profile's: an {@code
 * interleave=candidate} request for a user only the candidate knows (the active model's side of the
 * page keeps the text order, the seen items hold for the whole page).
 *
 * <p>With {@code interleave=candidate} the section gains {@code
 * "interleave":{"active":"m1","candidate":"m2","teams":{"active":5,"candidate":5}}}: the two models
 * and how many documents of the page shown each team placed. When only one of the two models has a
 * profile of the user, its page is interleaved with the other's fallback, the text order that model
 * shows the user, and {@code "noProfile"} names the model without one ({@code "active"}: a new user
 * of the candidate, with the section's {@code fallback} saying why; {@code "candidate"}: a user the
 * candidate dropped). A request that cannot interleave ranks with the active model alone and says
 * why: {@code "interleave":{"active":"m1", "fallback":"no-candidate"}} ({@value
 * InterleavingRescorer#NO_CANDIDATE}: the pointer names no candidate; {@value
 * InterleavingRescorer#NEEDS_USER}: only {@code user=} profiles exist under both models; {@value
 * InterleavingRescorer#NOT_PERSONALIZED}: the active model fell back itself and the candidate
 * cannot rank for it either (neither model knows the user, or there is no candidate), see {@code
 * fallback}; {@code users-store-unavailable}, {@code damaged-profile}).
 */
public final class PersonalizationReport {
  /**
   * Fallback of a rerank stopped by Solr's {@code timeAllowed} (or another query limit): the window
   * keeps its text order.
   */
  public static final String TIME_ALLOWED = "time-allowed";

  /** Entry of the section with {@code seen=exclude|demote}. */
  public static final String SEEN = "seen";

  /** {@code seen.from} when the seen items came from the candidate model's profile of the user. */
  public static final String SEEN_FROM_CANDIDATE = "candidate";

  public String model;
  public String slot;
  public String source = "none";
  public String user;
  public Boolean userFound;
  public String fallback;

  /** With fallback {@code user-in-other-model}: the model that has the user's profile. */
  public String userModel;

  public int sessionItemsFound = -1;
  public int windowSize;
  public int docsWithoutFactors;

  /** Distinct clusters of the page's documents with factors; null when not measured. */
  public Integer pageClusters;

  /** Mean pairwise cosine distance of the page's item factors; null with fewer than two. */
  public Double pageCosineDistance;

  /**
   * On a shard of a distributed request: its page's factors and clusters for the coordinator
   * ({@link MergedPageDiversity}); null elsewhere.
   */
  public SimpleOrderedMap<Object> shardPage;

  /** Whether the request asked for {@code interleave=candidate}. */
  public boolean interleaveRequested;

  /** The candidate model interleaved with; null when the request could not interleave. */
  public String candidate;

  /** Why the request did not interleave; null when it did. */
  public String interleaveFallback;

  /**
   * The team of an interleaved page whose model has no profile of the user and shows its fallback
   * (text order): {@code active}, {@code candidate}, or null when both have one.
   */
  public String interleaveNoProfile;

  /** Documents of the page shown placed by the active model's and by the candidate's team. */
  public int activeTeam;

  public int candidateTeam;

  /** {@code seen=} of the request ({@code exclude} or {@code demote}); null for {@code keep}. */
  public String seenMode;

  /** Seen items of the user or session the request knew of. */
  public int seenItems;

  /**
   * With {@code seen=exclude}: seen documents the search matched and left out of numFound, counted
   * by the search as it skips them (atomic: a search may run on several threads).
   */
  public final AtomicInteger seenExcluded = new AtomicInteger();

  /** With {@code seen=demote}: seen documents of the window moved behind the unseen ones. */
  public int seenDemoted;

  /**
   * {@value #SEEN_FROM_CANDIDATE} when the seen items are the candidate model's profile's (an
   * interleaved request for a user the active model has no profile of); null for the active
   * profile's or the session's.
   */
  public String seenFrom;

  public SimpleOrderedMap<Object> toNamedList() {
    SimpleOrderedMap<Object> out = new SimpleOrderedMap<>();
    out.add("model", model);
    out.add("slot", slot);
    out.add("source", source);
    if (user != null) {
      out.add("user", user);
      out.add("userFound", userFound);
    }
    if (sessionItemsFound >= 0) {
      out.add("sessionItemsFound", sessionItemsFound);
    }
    if (fallback != null) {
      out.add("fallback", fallback);
    }
    if (userModel != null) {
      out.add("userModel", userModel);
    }
    out.add("windowSize", windowSize);
    out.add("docsWithoutFactors", docsWithoutFactors);
    if (pageClusters != null) {
      out.add("pageClusters", pageClusters);
    }
    if (pageCosineDistance != null) {
      out.add("pageCosineDistance", pageCosineDistance);
    }
    if (shardPage != null) {
      out.add(MergedPageDiversity.SHARD_PAGE, shardPage);
    }
    if (interleaveRequested) {
      SimpleOrderedMap<Object> interleave = new SimpleOrderedMap<>();
      interleave.add("active", model);
      if (candidate != null) {
        interleave.add("candidate", candidate);
        if (interleaveNoProfile != null) {
          interleave.add("noProfile", interleaveNoProfile);
        }
        SimpleOrderedMap<Object> teams = new SimpleOrderedMap<>();
        teams.add("active", activeTeam);
        teams.add("candidate", candidateTeam);
        interleave.add("teams", teams);
      } else {
        interleave.add("fallback", interleaveFallback);
      }
      out.add("interleave", interleave);
    }
    if (seenMode != null) {
      SimpleOrderedMap<Object> seen = new SimpleOrderedMap<>();
      seen.add("mode", seenMode);
      seen.add("items", seenItems);
      if (SeenMode.EXCLUDE.value().equals(seenMode)) {
        seen.add("excluded", seenExcluded.get());
      } else {
        seen.add("demoted", seenDemoted);
      }
      if (seenFrom != null) {
        seen.add("from", seenFrom);
      }
      out.add(SEEN, seen);
    }
    return out;
  }
}
