package org.solrpersonalize.solr.search;

import java.lang.invoke.MethodHandles;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.solr.common.SolrException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.solrpersonalize.solr.store.UsersStore;

/**
 * What the query side has seen of one users store, so the log tells a model switch once (info), an
 * outage once when it starts and once when it ends (warn, info), and damaged profiles once per
 * model (warn), not once per request.
 */
final class UsersStoreWatch {
  private static final Logger log = LoggerFactory.getLogger(MethodHandles.lookup().lookupClass());

  /** Weak keys: a store goes away with its CoreContainer ({@code UsersStores}). */
  private static final Map<UsersStore, UsersStoreWatch> WATCHES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final String name;
  private String activeModel;

  /** Models this node saw active before the current one, newest first (a few). */
  private final java.util.ArrayDeque<String> previousModels = new java.util.ArrayDeque<>();

  private static final int PREVIOUS_MODELS = 4;
  private boolean unavailable;

  /** The last model a damaged profile was warned of: one warning per model, not per request. */
  private String damagedModel;

  private UsersStoreWatch(String name) {
    this.name = name;
  }

  static UsersStoreWatch of(UsersStore store, String name) {
    return WATCHES.computeIfAbsent(store, s -> new UsersStoreWatch(name));
  }

  /**
   * Whether {@code e} is the store's "cannot answer" (both stores throw a 503 when the users core
   * is not loaded or the users collection cannot be reached); every other failure propagates.
   */
  static boolean isUnavailable(SolrException e) {
    return e.code() == SolrException.ErrorCode.SERVICE_UNAVAILABLE.code;
  }

  /** The store answered; {@code activeModel} is its active model (null without one or pinned). */
  synchronized void answered(String activeModel) {
    if (unavailable) {
      unavailable = false;
      log.info("personalize: users store '{}' answers again", name);
    }
    if (activeModel != null && !activeModel.equals(this.activeModel)) {
      if (this.activeModel == null) {
        log.info("personalize: users store '{}' serves model {}", name, activeModel);
      } else {
        log.info(
            "personalize: users store '{}' switched the active model from {} to {}",
            name,
            this.activeModel,
            activeModel);
      }
      if (this.activeModel != null) {
        previousModels.remove(this.activeModel);
        previousModels.addFirst(this.activeModel);
        if (previousModels.size() > PREVIOUS_MODELS) {
          previousModels.removeLast();
        }
      }
      this.activeModel = activeModel;
    }
  }

  /**
   * Whether this node saw {@code modelId} active before the current model: a coordinator that read
   * the pointer just before a switch pins it, and its shards may pin it a moment after.
   */
  synchronized boolean wasActive(String modelId) {
    return previousModels.contains(modelId);
  }

  /** A profile of {@code modelId} does not fit the model: warned once per model, then debug. */
  synchronized void damagedProfile(String modelId, String userId, String why) {
    if (!modelId.equals(damagedModel)) {
      damagedModel = modelId;
      log.warn(
          "personalize: users store '{}' holds a damaged profile of model {} (user {}: {});"
              + " such users keep the text order (fallback damaged-profile), further ones are logged"
              + " at debug",
          name,
          modelId,
          userId,
          why);
    } else if (log.isDebugEnabled()) {
      log.debug("personalize: damaged profile of user {} in model {}: {}", userId, modelId, why);
    }
  }

  /** The store could not answer: warns when an outage starts, then only at debug. */
  synchronized void unavailable(String why) {
    if (!unavailable) {
      unavailable = true;
      log.warn(
          "personalize: users store '{}' cannot answer, requests keep their text order"
              + " (fallback users-store-unavailable) until it does: {}",
          name,
          why);
    } else if (log.isDebugEnabled()) {
      log.debug("personalize: users store '{}' still cannot answer: {}", name, why);
    }
  }
}
