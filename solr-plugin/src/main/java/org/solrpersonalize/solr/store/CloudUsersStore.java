package org.solrpersonalize.solr.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * SolrCloud: the users collection may live on other nodes; documents are read with real-time get
 * through the node's own ZooKeeper-aware client, each read bounded by the request's {@link
 * LookupDeadline}. The active-model pointer is re-read at most every {@code pointerTtl}; profiles
 * are cached by model id, so a switch to a new model never serves an old profile. Model constants
 * are cached by model id and checked against the pointer's slot: a model id republished into the
 * other slot is read again as soon as the pointer says so.
 */
public final class CloudUsersStore implements UsersStore {
  /** Remote reads of one store waiting at once; beyond it requests fail open at once. */
  static final int MAX_IN_FLIGHT = 32;

  private final SolrClient client;
  private final String collection;
  private final Cache<String, Optional<UsersStoreDocuments.Pointer>> pointer;
  private final Cache<String, Optional<ModelConstants>> models;
  private final Cache<String, Optional<UserProfile>> users;
  private final Cache<String, Optional<String>> otherModels;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  public CloudUsersStore(SolrClient client, String collection, long cacheBytes,
      Duration pointerTtl) {
    this.client = client;
    this.collection = collection;
    this.pointer = Caffeine.newBuilder().executor(Runnable::run).expireAfterWrite(pointerTtl)
        .maximumSize(1).build();
    this.models = ProfileCaches.models();
    this.users = ProfileCaches.profiles(cacheBytes);
    // Unknown users are common (new visitors): remember the answer, but not past a publish.
    this.otherModels = ProfileCaches.otherModels(
        Math.min(cacheBytes, ProfileCaches.OTHER_MODEL_BYTES), Duration.ofMinutes(1));
  }

  @Override
  public Optional<ModelConstants> activeModel(LookupDeadline deadline) {
    return pointer(deadline).flatMap(p -> model(p.modelId(), deadline));
  }

  private Optional<UsersStoreDocuments.Pointer> pointer(LookupDeadline deadline) {
    return pointer.get(ModelFields.ACTIVE_DOC_ID, id -> Optional.ofNullable(get(id, deadline))
        .map(doc -> UsersStoreDocuments.Pointer.read(doc::getFirstValue)));
  }

  @Override
  public Optional<ModelConstants> model(String modelId, LookupDeadline deadline) {
    Optional<ModelConstants> model = models.get(modelId, id -> readModel(id, deadline));
    Optional<UsersStoreDocuments.Pointer> active = pointer(deadline);
    if (model.isPresent() && active.isPresent() && active.get().modelId().equals(modelId)
        && !active.get().slot().equals(model.get().slot())) {
      // The model id was published again into the other slot since its constants were cached.
      models.invalidate(modelId);
      model = models.get(modelId, id -> readModel(id, deadline));
    }
    return model;
  }

  private Optional<ModelConstants> readModel(String modelId, LookupDeadline deadline) {
    return Optional.ofNullable(get(ModelFields.modelDocId(modelId), deadline))
        .map(doc -> ModelConstants.of(
            UsersStoreDocuments.PublishedModel.read(modelId, doc::getFirstValue)));
  }

  @Override
  public Optional<UserProfile> user(String modelId, String userId, LookupDeadline deadline) {
    // The model's k and K check the profile's lengths; its constants are cached.
    return model(modelId, deadline).flatMap(model -> users.get(
        ModelFields.userDocId(modelId, userId),
        id -> Optional.ofNullable(get(id, deadline)).map(doc -> UserProfile.of(
            UsersStoreDocuments.Profile.read(modelId, userId, model.factors(), model.clusters(),
                doc::getFirstValue)))));
  }

  @Override
  public Optional<String> otherModelOf(String userId, String exceptModelId,
      LookupDeadline deadline) {
    return otherModels.get(exceptModelId + '\u0000' + userId,
        key -> deadline.call(() -> searchOtherModel(userId, exceptModelId), inFlight, what()));
  }

  @Override
  public long cachedBytes() {
    return ProfileCaches.weightedSize(users) + ProfileCaches.weightedSize(otherModels);
  }

  private Optional<String> searchOtherModel(String userId, String exceptModelId) {
    ModifiableSolrParams q = new ModifiableSolrParams();
    q.set("q", "{!term f=" + ModelFields.USER + " v=$pzu}");
    q.set("pzu", userId);
    q.set("fq", "-{!term f=" + ModelFields.MODEL + " v=$pzm}");
    q.set("pzm", exceptModelId);
    q.set("fl", ModelFields.MODEL);
    q.set("rows", 1);
    try {
      return client.query(collection, q).getResults().stream().findFirst()
          .map(doc -> (String) doc.getFirstValue(ModelFields.MODEL));
    } catch (Exception e) {
      throw cannotRead(e);
    }
  }

  private SolrDocument get(String id, LookupDeadline deadline) {
    return deadline.call(() -> {
      try {
        return client.getById(collection, id);
      } catch (Exception e) {
        throw cannotRead(e);
      }
    }, inFlight, what());
  }

  private String what() {
    return "users collection '" + collection + "'";
  }

  private SolrException cannotRead(Exception e) {
    return new SolrException(SolrException.ErrorCode.SERVICE_UNAVAILABLE,
        "personalize: cannot read users collection '" + collection + "': " + e.getMessage(), e);
  }
}
