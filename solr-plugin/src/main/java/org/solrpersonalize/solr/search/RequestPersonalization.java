package org.solrpersonalize.solr.search;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.solr.request.SolrQueryRequest;
import org.solrpersonalize.format.MalformedUsersStoreDocumentException;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.solr.store.ModelConstants;
import org.solrpersonalize.solr.store.UserProfile;
import org.solrpersonalize.solr.store.UsersStore;
import org.solrpersonalize.solr.store.UsersStores;

/**
 * The model one request uses, resolved once and kept in the request context so every function
 * and the rerank of the request see the same model. A distributed request's coordinator pins it
 * for the shards with {@value #MODEL_PARAM}.
 */
public final class RequestPersonalization {
  /** Internal parameter: the model id the coordinator chose for every shard of a request. */
  public static final String MODEL_PARAM = "pz.model";
  /**
   * Fallback when the users store cannot answer; also when a document it holds does not read
   * (damaged, or written by something else): personalization fails open.
   */
  public static final String USERS_STORE_UNAVAILABLE = "users-store-unavailable";
  private static final String CONTEXT_KEY = RequestPersonalization.class.getName();

  private final UsersStore store;
  private final Optional<ModelConstants> model;
  private final PersonalizationReport report = new PersonalizationReport();
  private final Set<String> unreadableUsers = new HashSet<>();
  private boolean used;

  private RequestPersonalization(UsersStore store, Optional<ModelConstants> model,
      String fallbackWithoutModel) {
    this.store = store;
    this.model = model;
    model.ifPresentOrElse(m -> {
      report.model = m.modelId();
      report.slot = m.slot();
    }, () -> report.fallback = fallbackWithoutModel);
  }

  public static RequestPersonalization of(SolrQueryRequest req) {
    Object existing = req.getContext().get(CONTEXT_KEY);
    if (existing != null) {
      return (RequestPersonalization) existing;
    }
    String usersName = req.getParams().get(UsersStores.USERS_PARAM, UsersStores.DEFAULT_USERS);
    UsersStore store = UsersStores.of(req.getCoreContainer(), usersName);
    String pinned = req.getParams().get(MODEL_PARAM);
    RequestPersonalization rp;
    try {
      rp = new RequestPersonalization(store,
          pinned != null ? store.model(pinned) : store.activeModel(), "no-active-model");
    } catch (MalformedUsersStoreDocumentException e) {
      rp = new RequestPersonalization(store, Optional.empty(), USERS_STORE_UNAVAILABLE);
    }
    req.getContext().put(CONTEXT_KEY, rp);
    return rp;
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

  /** Empty for an unknown user, and for one whose profile does not read ({@link #unreadable}). */
  public Optional<UserProfile> user(String userId) {
    try {
      return model.flatMap(m -> store.user(m.modelId(), userId));
    } catch (MalformedUsersStoreDocumentException e) {
      unreadableUsers.add(userId);
      return Optional.empty();
    }
  }

  /** Whether this user's profile was found but does not read: {@link #USERS_STORE_UNAVAILABLE}. */
  public boolean unreadable(String userId) {
    return unreadableUsers.contains(userId);
  }

  /** Another model that knows this user (asked after a miss, to say why the user is missing). */
  public Optional<String> otherModelOf(String userId) {
    return model.flatMap(m -> store.otherModelOf(userId, m.modelId()));
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
