package org.solrpersonalize.solr.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
  private final StatsCounter profileLookups = new ConcurrentStatsCounter();

  /** Remote reads of one store waiting at once; beyond it requests fail open at once. */
  static final int MAX_IN_FLIGHT = 32;

  private final SolrClient client;
  private final String collection;
  private final Cache<String, Optional<UsersStoreDocuments.Pointer>> pointer;
  private final Cache<String, Optional<ModelConstants>> models;
  private final Cache<String, Optional<UserProfile>> users;
  private final Cache<String, Optional<String>> otherModels;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

  /** When this node started using the store ({@link LookupDeadline#WARM_UP_MILLIS}). */
  private final long createdNanos = System.nanoTime();

  public CloudUsersStore(
      SolrClient client, String collection, long cacheBytes, Duration pointerTtl) {
    this.client = client;
    this.collection = collection;
    this.pointer =
        Caffeine.newBuilder()
            .executor(Runnable::run)
            .expireAfterWrite(pointerTtl)
            .maximumSize(1)
            .build();
    this.models = ProfileCaches.models();
    this.users = ProfileCaches.profiles(cacheBytes, profileLookups);
    // Unknown users are common (new visitors): remember the answer, but not past a publish.
    this.otherModels =
        ProfileCaches.otherModels(
            Math.min(cacheBytes, ProfileCaches.OTHER_MODEL_BYTES), Duration.ofMinutes(1));
  }

  @Override
  public Optional<ModelConstants> activeModel(LookupDeadline deadline) {
    return pointer(deadline).flatMap(p -> model(p.modelId(), deadline));
  }

  @Override
  public Optional<ModelConstants> candidateModel(LookupDeadline deadline) {
    Optional<UsersStoreDocuments.SlotModel> candidate =
        pointer(deadline).flatMap(UsersStoreDocuments.Pointer::candidateModel);
    if (candidate.isEmpty()) {
      return Optional.empty();
    }
    String modelId = candidate.get().modelId();
    Optional<ModelConstants> model = cachedModel(modelId, deadline);
    if (model.isPresent() && !model.get().slot().equals(candidate.get().slot())) {
      // Cached from an earlier publish of this id into the other slot: read it again.
      models.invalidate(modelId);
      model = cachedModel(modelId, deadline);
    }
    return model.filter(m -> m.slot().equals(candidate.get().slot()));
  }

  @Override
  public void forgetPointer() {
    pointer.invalidateAll();
  }

  private Optional<UsersStoreDocuments.Pointer> pointer(LookupDeadline deadline) {
    return cached(
        pointer,
        ModelFields.ACTIVE_DOC_ID,
        deadline,
        () ->
            Optional.ofNullable(get(ModelFields.ACTIVE_DOC_ID))
                .map(doc -> UsersStoreDocuments.Pointer.read(doc::getFirstValue)));
  }

  @Override
  public Optional<ModelConstants> model(String modelId, LookupDeadline deadline) {
    Optional<ModelConstants> model = cachedModel(modelId, deadline);
    Optional<UsersStoreDocuments.Pointer> active = pointer(deadline);
    if (model.isPresent()
        && active.isPresent()
        && active.get().modelId().equals(modelId)
        && !active.get().slot().equals(model.get().slot())) {
      // The model id was published again into the other slot since its constants were cached.
      models.invalidate(modelId);
      model = cachedModel(modelId, deadline);
    }
    return model;
  }

  /** A model's constants; a model not found is not remembered (its document may come later). */
  private Optional<ModelConstants> cachedModel(String modelId, LookupDeadline deadline) {
    Optional<ModelConstants> model = cached(models, modelId, deadline, () -> readModel(modelId));
    if (model.isEmpty()) {
      models.invalidate(modelId);
    }
    return model;
  }

  private Optional<ModelConstants> readModel(String modelId) {
    return Optional.ofNullable(get(ModelFields.modelDocId(modelId)))
        .map(
            doc ->
                ModelConstants.of(
                    UsersStoreDocuments.PublishedModel.read(modelId, doc::getFirstValue)));
  }

  @Override
  public Optional<UserProfile> user(String modelId, String userId, LookupDeadline deadline) {
    // The model's k and K check the profile's lengths; its constants are cached.
    return model(modelId, deadline)
        .flatMap(
            model ->
                cached(
                    users,
                    ModelFields.userDocId(modelId, userId),
                    deadline,
                    () ->
                        Optional.ofNullable(get(ModelFields.userDocId(modelId, userId)))
                            .map(
                                doc ->
                                    UserProfile.of(
                                        UsersStoreDocuments.Profile.read(
                                            modelId,
                                            userId,
                                            model.factors(),
                                            model.clusters(),
                                            doc::getFirstValue)))));
  }

  @Override
  public Optional<String> otherModelOf(
      String userId, String exceptModelId, LookupDeadline deadline) {
    return cached(
        otherModels,
        exceptModelId + '\u0000' + userId,
        deadline,
        () -> searchOtherModel(userId, exceptModelId));
  }

  /**
   * The cached value, or the remote one if it answers before the deadline. A lookup that does not
   * answer in time still caches its value when it does, for the next request.
   */
  private <V> V cached(
      Cache<String, V> cache, String key, LookupDeadline deadline, Callable<V> load) {
    V value = cache.getIfPresent(key);
    if (value != null) {
      return value;
    }
    return deadline.call(
        () -> {
          V loaded = load.call();
          cache.put(key, loaded);
          return loaded;
        },
        inFlight,
        warmingUp(),
        what());
  }

  private boolean warmingUp() {
    return System.nanoTime() - createdNanos
        < TimeUnit.MILLISECONDS.toNanos(LookupDeadline.WARM_UP_MILLIS);
  }

  @Override
  public CacheStats profileLookups() {
    return profileLookups.snapshot();
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
      return client.query(collection, q).getResults().stream()
          .findFirst()
          .map(doc -> (String) doc.getFirstValue(ModelFields.MODEL));
    } catch (Exception e) {
      throw cannotRead(e);
    }
  }

  private SolrDocument get(String id) {
    try {
      return client.getById(collection, id);
    } catch (Exception e) {
      throw cannotRead(e);
    }
  }

  private String what() {
    return "users collection '" + collection + "'";
  }

  private SolrException cannotRead(Exception e) {
    return new SolrException(
        SolrException.ErrorCode.SERVICE_UNAVAILABLE,
        "personalize: cannot read users collection '" + collection + "': " + e.getMessage(),
        e);
  }
}
