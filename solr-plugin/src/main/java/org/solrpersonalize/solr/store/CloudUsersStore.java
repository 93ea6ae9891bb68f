package org.solrpersonalize.solr.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * SolrCloud: the users collection may live on other nodes; documents are read with real-time get
 * through the node's own ZooKeeper-aware client. The active-model pointer is re-read at most every
 * {@code pointerTtl}; profiles and model constants are cached by model id, so a switch to a new
 * model never serves an old profile.
 */
public final class CloudUsersStore implements UsersStore {
  private final SolrClient client;
  private final String collection;
  private final Cache<String, Optional<String>> pointer;
  private final Cache<String, Optional<ModelConstants>> models;
  private final Cache<String, Optional<UserProfile>> users;
  private final Cache<String, Optional<String>> otherModels;

  public CloudUsersStore(SolrClient client, String collection, int cacheSize, Duration pointerTtl) {
    this.client = client;
    this.collection = collection;
    this.pointer = Caffeine.newBuilder().expireAfterWrite(pointerTtl).maximumSize(1).build();
    this.models = Caffeine.newBuilder().maximumSize(64).build();
    this.users = Caffeine.newBuilder().maximumSize(cacheSize).build();
    // Unknown users are common (new visitors): remember the answer, but not past a publish.
    this.otherModels =
        Caffeine.newBuilder()
            .maximumSize(cacheSize)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();
  }

  @Override
  public Optional<ModelConstants> activeModel() {
    return pointer
        .get(
            ModelFields.ACTIVE_DOC_ID,
            id ->
                Optional.ofNullable(get(id))
                    .map(doc -> UsersStoreDocuments.Pointer.read(doc::getFirstValue).modelId()))
        .flatMap(this::model);
  }

  @Override
  public Optional<ModelConstants> model(String modelId) {
    return models.get(
        modelId,
        id ->
            Optional.ofNullable(get(ModelFields.modelDocId(id)))
                .map(
                    doc ->
                        ModelConstants.of(
                            UsersStoreDocuments.PublishedModel.read(id, doc::getFirstValue))));
  }

  @Override
  public Optional<UserProfile> user(String modelId, String userId) {
    // The model's k and K check the profile's lengths; its constants are cached.
    return model(modelId)
        .flatMap(
            model ->
                users.get(
                    ModelFields.userDocId(modelId, userId),
                    id ->
                        Optional.ofNullable(get(id))
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
  public Optional<String> otherModelOf(String userId, String exceptModelId) {
    return otherModels.get(
        exceptModelId + '\u0000' + userId, key -> searchOtherModel(userId, exceptModelId));
  }

  private Optional<String> searchOtherModel(String userId, String exceptModelId) {
    org.apache.solr.common.params.ModifiableSolrParams q =
        new org.apache.solr.common.params.ModifiableSolrParams();
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
      throw new SolrException(
          SolrException.ErrorCode.SERVICE_UNAVAILABLE,
          "personalize: cannot read users collection '" + collection + "': " + e.getMessage(),
          e);
    }
  }

  private SolrDocument get(String id) {
    try {
      return client.getById(collection, id);
    } catch (Exception e) {
      throw new SolrException(
          SolrException.ErrorCode.SERVICE_UNAVAILABLE,
          "personalize: cannot read users collection '" + collection + "': " + e.getMessage(),
          e);
    }
  }
}
