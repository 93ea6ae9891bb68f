package org.solrpersonalize.solr.search;

import java.util.Optional;
import java.util.Set;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.core.SolrCore;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.search.QParserPlugin;
import org.solrpersonalize.format.MalformedUsersStoreDocumentException;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.solr.store.LookupDeadline;
import org.solrpersonalize.solr.store.ModelConstants;
import org.solrpersonalize.solr.store.UserProfile;
import org.solrpersonalize.solr.store.UsersStore;
import org.solrpersonalize.solr.store.UsersStores;

/**
 * The model one request uses, resolved once and kept in the request context so every function and
 * the rerank of the request see the same model. A distributed request's coordinator pins it for the
 * shards with {@value #MODEL_PARAM}.
 */
public final class RequestPersonalization {
  /** Internal parameter: the model id the coordinator chose for every shard of a request. */
  public static final String MODEL_PARAM = "pz.model";

  /**
   * Internal parameter: the candidate model an interleaving coordinator chose for every shard, or
   * empty when it does not interleave (so that no shard interleaves alone).
   */
  public static final String CANDIDATE_PARAM = "pz.candidate";

  /**
   * Request parameter: milliseconds the request's users-store lookups may take in all (SolrCloud,
   * where the users collection may be on another node); slower means text order with the fallback
   * {@value #USERS_STORE_UNAVAILABLE}.
   */
  public static final String TIMEOUT_PARAM = "pz.timeout";

  /**
   * A profile lookup over the network takes about 1 ms; 50 ms leaves room for a garbage collection
   * pause without letting an unreachable store hold up searches.
   */
  public static final long DEFAULT_TIMEOUT_MILLIS = 50;

  public static final long MAX_TIMEOUT_MILLIS = 60_000;
  private static final String CONTEXT_KEY = RequestPersonalization.class.getName();

  /** Fallback of a request whose users store could not answer: text order, no profile. */
  public static final String USERS_STORE_UNAVAILABLE = "users-store-unavailable";

  /** Fallback for a stored profile whose dimensions are not its model's: text order. */
  public static final String DAMAGED_PROFILE = "damaged-profile";

  private final UsersStore store;
  private final UsersStoreWatch watch;
  private final LookupDeadline deadline;
  private final Optional<ModelConstants> model;
  private final PersonalizationReport report = new PersonalizationReport();

  /** The coordinator's candidate: null when not pinned, empty for "none". */
  private final String pinnedCandidate;

  /** Null until asked for: only interleaving requests look the candidate up. */
  private Optional<ModelConstants> candidate;

  /** The user whose candidate profile {@link #candidateUserAndSeen} read, and that profile. */
  private String candidateUserId;

  private Optional<UserProfile> candidateProfile;

  private boolean used;
  private boolean storeUnavailable;
  private boolean damagedProfile;

  private RequestPersonalization(
      UsersStore store,
      UsersStoreWatch watch,
      LookupDeadline deadline,
      ModelLookup lookup,
      String pinnedCandidate) {
    this.model = lookup.model();
    this.storeUnavailable = lookup.unavailable();
    this.pinnedCandidate = pinnedCandidate;
    this.store = store;
    this.watch = watch;
    this.deadline = deadline;
    model.ifPresentOrElse(
        m -> {
          report.model = m.modelId();
          report.slot = m.slot();
        },
        () -> report.fallback = lookup.unavailable() ? USERS_STORE_UNAVAILABLE : "no-active-model");
  }

  /**
   * The model of a request as {@link #lookUpModel} resolves it.
   *
   * @param model the model the request uses, or empty
   * @param unavailable whether it is empty because the users store could not answer
   */
  private record ModelLookup(Optional<ModelConstants> model, boolean unavailable) {
    static final ModelLookup UNAVAILABLE = new ModelLookup(Optional.empty(), true);
  }

  public static RequestPersonalization of(SolrQueryRequest req) {
    Object existing = req.getContext().get(CONTEXT_KEY);
    if (existing != null) {
      return (RequestPersonalization) existing;
    }
    SolrParams params = req.getParams();
    String usersName = UsersStores.requestedName(params, configuredStores(req));
    long timeout = lookupTimeout(params);
    String pinned = pinnedModel(params);
    String pinnedCandidate = pinnedCandidate(params);
    UsersStore store = UsersStores.of(req.getCoreContainer(), usersName);
    UsersStoreWatch watch = UsersStoreWatch.of(store, usersName);
    LookupDeadline deadline = LookupDeadline.after(timeout, req.getCoreContainer()::runAsync);
    ModelLookup lookup = lookUpModel(store, watch, deadline, pinned, usersName);
    RequestPersonalization rp =
        new RequestPersonalization(store, watch, deadline, lookup, pinnedCandidate);
    req.getContext().put(CONTEXT_KEY, rp);
    return rp;
  }

  /**
   * The active model of the users store, or the model the coordinator pinned ({@value
   * #MODEL_PARAM}) when this node has seen it active.
   *
   * @throws SolrException BAD_REQUEST for a pinned model that was never active here
   */
  private static ModelLookup lookUpModel(
      UsersStore store,
      UsersStoreWatch watch,
      LookupDeadline deadline,
      String pinned,
      String usersName) {
    try {
      Optional<ModelConstants> active = store.activeModel(deadline);
      String activeId = active.map(ModelConstants::modelId).orElse(null);
      watch.answered(activeId);
      if (pinned != null && !pinned.equals(activeId) && !watch.wasActive(pinned)) {
        // The coordinator may have seen a switch this node's cached pointer has not: read it again
        // before calling the pinned model unknown.
        store.forgetPointer();
        active = store.activeModel(deadline);
        activeId = active.map(ModelConstants::modelId).orElse(null);
        watch.answered(activeId);
      }
      if (pinned == null || pinned.equals(activeId)) {
        return new ModelLookup(active, false);
      } else if (watch.wasActive(pinned)) {
        // The coordinator pinned the model it saw; this node has seen the switch away from it.
        return new ModelLookup(store.model(pinned, deadline), false);
      } else {
        throw BadRequests.formatted(
            "%s: '%s' is not the active model of users store '%s'"
                + " (%s); a request may pin only the active model, never one still being written",
            MODEL_PARAM, pinned, usersName, activeId == null ? "none" : activeId);
      }
    } catch (SolrException e) {
      if (!UsersStoreWatch.isUnavailable(e)) {
        throw e;
      }
      watch.unavailable(e.getMessage());
      return ModelLookup.UNAVAILABLE;
    } catch (MalformedUsersStoreDocumentException e) {
      // A model document that does not read (damaged, or written by something else): the store
      // cannot answer for this model, so the request fails open as for an outage.
      watch.unavailable(e.getMessage());
      return ModelLookup.UNAVAILABLE;
    }
  }

  /** The users stores the catalog core's {@code personalize} parser was configured with. */
  private static Set<String> configuredStores(SolrQueryRequest req) {
    SolrCore core = req.getCore();
    QParserPlugin plugin = core == null ? null : core.getQueryPlugin(PersonalizeQParserPlugin.NAME);
    return plugin instanceof PersonalizeQParserPlugin p
        ? p.usersStores()
        : Set.of(UsersStores.DEFAULT_USERS);
  }

  /** {@value #TIMEOUT_PARAM} in milliseconds: an HTTP 400 naming it unless 1 to 60000. */
  static long lookupTimeout(SolrParams params) {
    String value = single(params, TIMEOUT_PARAM);
    if (value == null) {
      return DEFAULT_TIMEOUT_MILLIS;
    }
    return BadRequests.integerFromOne(
        value,
        MAX_TIMEOUT_MILLIS,
        TIMEOUT_PARAM + " must be an integer number of milliseconds from 1 to %d, got '%s'");
  }

  private static String pinnedModel(SolrParams params) {
    String pinned = single(params, MODEL_PARAM);
    if (pinned == null) {
      return null;
    }
    if (pinned.isBlank()) {
      throw BadRequests.formatted("%s must name a model, got '%s'", MODEL_PARAM, pinned);
    }
    PersonalizeParams.checkId(MODEL_PARAM, pinned);
    return pinned.trim();
  }

  private static String pinnedCandidate(SolrParams params) {
    String pinned = single(params, CANDIDATE_PARAM);
    if (pinned != null) {
      PersonalizeParams.checkId(CANDIDATE_PARAM, pinned);
    }
    return pinned == null ? null : pinned.trim();
  }

  private static String single(SolrParams params, String name) {
    String[] values = params.getParams(name);
    if (values != null && values.length > 1) {
      throw BadRequests.formatted("%s is given %d times, give it once", name, values.length);
    }
    return values == null ? null : values[0];
  }

  /** Null when no part of the request asked for the model. */
  public static RequestPersonalization ifResolved(SolrQueryRequest req) {
    return (RequestPersonalization) req.getContext().get(CONTEXT_KEY);
  }

  /** Null when the request did not rerank (no report to show). */
  public static RequestPersonalization ifUsed(SolrQueryRequest req) {
    RequestPersonalization rp = ifResolved(req);
    return rp != null && rp.used ? rp : null;
  }

  public Optional<ModelConstants> model() {
    return model;
  }

  /**
   * The user's profile under the request's model; empty for an unknown user, and when the users
   * store cannot answer ({@link #storeUnavailable()}) or the profile does not fit the model ({@link
   * #damagedProfile()}): the kernels would read past the item's factors or score with the wrong
   * ones. Its seen items may be unread (null): {@link #userAndSeen} reads them.
   */
  public Optional<UserProfile> user(String userId) {
    return profile(model, userId, false);
  }

  /** {@link #user} with the profile's seen items read ({@code seen=exclude|demote}). */
  public Optional<UserProfile> userAndSeen(String userId) {
    return profile(model, userId, true);
  }

  /**
   * The candidate model of an {@code interleave=candidate} request: the one its coordinator pinned
   * ({@value #CANDIDATE_PARAM}), else the pointer's; empty without one, without an active model, or
   * when the store cannot answer ({@link #storeUnavailable()}). Looked up once per request.
   */
  public Optional<ModelConstants> candidate() {
    if (candidate == null) {
      candidate = lookUpCandidate();
    }
    return candidate;
  }

  private Optional<ModelConstants> lookUpCandidate() {
    if (model.isEmpty() || storeUnavailable || "".equals(pinnedCandidate)) {
      return Optional.empty();
    }
    String activeSlot = model.get().slot();
    try {
      Optional<ModelConstants> found =
          pinnedCandidate == null
              ? store.candidateModel(deadline)
              : store.model(pinnedCandidate, deadline);
      // A candidate lives in the idle slot; anything else is a pointer caught mid-switch.
      return found.filter(c -> !c.slot().equals(activeSlot));
    } catch (SolrException e) {
      return unavailable(e);
    } catch (MalformedUsersStoreDocumentException e) {
      watch.unavailable(e.getMessage());
      storeUnavailable = true;
      return Optional.empty();
    }
  }

  /**
   * The user's profile under the candidate model; empty as for {@link #user}. Its seen items are
   * not read (an interleaved page leaves out or demotes the active profile's), unless {@link
   * #candidateUserAndSeen} read the profile already: a request reads it once.
   */
  public Optional<UserProfile> candidateUser(String userId) {
    if (userId.equals(candidateUserId)) {
      return candidateProfile;
    }
    return profile(candidate(), userId, false);
  }

  /**
   * {@link #candidateUser} with the profile's seen items read: an interleaved request with {@code
   * seen=exclude|demote} for a user the active model has no profile of uses the candidate's.
   */
  public Optional<UserProfile> candidateUserAndSeen(String userId) {
    candidateProfile = profile(candidate(), userId, true);
    candidateUserId = userId;
    return candidateProfile;
  }

  /** The user's profile under {@code under}; empty without that model or a store that answers. */
  private Optional<UserProfile> profile(
      Optional<ModelConstants> under, String userId, boolean withSeen) {
    if (under.isEmpty() || storeUnavailable) {
      return Optional.empty();
    }
    ModelConstants m = under.get();
    Optional<UserProfile> profile;
    try {
      profile =
          withSeen
              ? store.user(m.modelId(), userId, deadline)
              : store.userFactors(m.modelId(), userId, deadline);
    } catch (SolrException e) {
      return unavailable(e);
    } catch (MalformedUsersStoreDocumentException e) {
      return damaged(m.modelId(), userId, e.getMessage());
    }
    return profile;
  }

  private Optional<UserProfile> damaged(String modelId, String userId, String why) {
    watch.damagedProfile(modelId, userId, why);
    damagedProfile = true;
    return Optional.empty();
  }

  /** Whether the user's stored profile could not be used ({@link #DAMAGED_PROFILE}). */
  public boolean damagedProfile() {
    return damagedProfile;
  }

  /** Another model that knows this user (asked after a miss, to say why the user is missing). */
  public Optional<String> otherModelOf(String userId) {
    if (model.isEmpty() || storeUnavailable) {
      return Optional.empty();
    }
    try {
      return store.otherModelOf(userId, model.get().modelId(), deadline);
    } catch (SolrException e) {
      return unavailable(e);
    }
  }

  private <T> Optional<T> unavailable(SolrException e) {
    if (!UsersStoreWatch.isUnavailable(e)) {
      throw e;
    }
    watch.unavailable(e.getMessage());
    storeUnavailable = true;
    return Optional.empty();
  }

  /** Whether the users store failed to answer a lookup of this request. */
  public boolean storeUnavailable() {
    return storeUnavailable;
  }

  public PersonalizationReport report() {
    used = true;
    return report;
  }

  /** The model's item field ({@link ModelFields#itemField}): factors, then log-densities. */
  public String itemField() {
    return model.map(m -> ModelFields.itemField(m.slot())).orElse(null);
  }

  /** k of the model (0 without one). */
  public int factors() {
    return model.map(ModelConstants::factors).orElse(0);
  }

  /** K of the model (0 without one). */
  public int clusters() {
    return model.map(ModelConstants::clusters).orElse(0);
  }

  public String modelField() {
    return model.map(m -> ModelFields.itemModelField(m.slot())).orElse(null);
  }
}
