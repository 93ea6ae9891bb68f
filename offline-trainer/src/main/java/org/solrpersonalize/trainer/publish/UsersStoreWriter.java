package org.solrpersonalize.trainer.publish;

import static org.solrpersonalize.format.ModelFields.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.MalformedUsersStoreDocumentException;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.format.RecentItems;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * The users store as the publisher sees it: the active-model pointer, one constants document per
 * model, and the user profiles, written and read through {@link UsersStoreDocuments} (layout in
 * {@link org.solrpersonalize.format.ModelFields}).
 */
final class UsersStoreWriter {
  private static final String VERSION = "_version_";

  private final SolrClient client;
  private final String collection;
  private final String uniqueKey;
  private final int seenMax;
  private final UsersStoreDocuments.SeenField seenField;

  /**
   * A writer storing the {@link PublishOptions#DEFAULT_SEEN_MAX default} seen items per user in the
   * current schema's field.
   */
  UsersStoreWriter(SolrClient client, String collection, String uniqueKey) {
    this(
        client,
        collection,
        uniqueKey,
        PublishOptions.DEFAULT_SEEN_MAX,
        UsersStoreDocuments.SeenField.BINARY);
  }

  /**
   * @param uniqueKey the users schema's unique key field
   * @param seenMax the most recent items of a user stored as seen in the profile (0: none)
   * @param seenField the field the users schema has for them ({@link #seenField(SolrClient,
   *     String)})
   */
  UsersStoreWriter(
      SolrClient client,
      String collection,
      String uniqueKey,
      int seenMax,
      UsersStoreDocuments.SeenField seenField) {
    this.client = client;
    this.collection = collection;
    this.uniqueKey = uniqueKey;
    this.seenMax = seenMax;
    this.seenField = seenField;
  }

  /** Where a {@link BatchWriter} sends users store documents. */
  BatchWriter.Destination destination() {
    return new BatchWriter.Destination(client, collection, uniqueKey);
  }

  /**
   * The writer a publish uses: the users schema's unique key, and its field for seen items ({@link
   * #seenField(SolrClient, String)}), each asked once.
   */
  static UsersStoreWriter forPublish(SolrClient client, String collection, int seenMax)
      throws IOException, SolrServerException {
    return new UsersStoreWriter(
        client,
        collection,
        TargetStores.uniqueKey(client, collection),
        seenMax,
        seenField(client, collection));
  }

  /**
   * {@link UsersStoreDocuments.SeenField#BINARY} when the users schema declares {@link #USER_SEEN},
   * else {@link UsersStoreDocuments.SeenField#STRING}: a users store created before that field
   * keeps working, its configset unchanged. One request for the schema's fields rather than for the
   * one field: SolrCloud's client takes the 404 of a missing field for a replica that cannot
   * answer, tries every one and fails with "No live SolrServers".
   */
  static UsersStoreDocuments.SeenField seenField(SolrClient client, String collection)
      throws IOException, SolrServerException {
    for (Map<String, Object> field :
        new SchemaRequest.Fields().process(client, collection).getFields()) {
      if (USER_SEEN.equals(field.get("name"))) {
        return UsersStoreDocuments.SeenField.BINARY;
      }
    }
    return UsersStoreDocuments.SeenField.STRING;
  }

  /**
   * What a publish of {@code model} tells its listener when it writes seen items into the string
   * field of a users store created before {@link #USER_SEEN}; empty otherwise.
   */
  Optional<String> seenFieldNotice(ModelDirectory.Model model) {
    if (seenField == UsersStoreDocuments.SeenField.BINARY
        || seenMax == 0
        || model.recentItems() == null) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "users store '%s' has no field %s: seen items are written to %s, whose read on a"
                + " profile-cache miss decompresses the lists of 64 users; add %s from"
                + " configsets/users/conf/schema.xml to its schema to read one user's alone",
            collection,
            USER_SEEN,
            USER_SEEN_STRING,
            USER_SEEN));
  }

  String collection() {
    return collection;
  }

  String uniqueKey() {
    return uniqueKey;
  }

  /**
   * The pointer as a publish reads it under the lock: its latest value (real-time get, committed or
   * not) and the {@code _version_} its update must be conditional on.
   *
   * @param active the model it names, with its constants (empty: no pointer)
   * @param pointer the pointer itself, with its candidate and previous model (empty: none)
   * @param version the pointer document's {@code _version_}, or -1 when there is none (Solr's "must
   *     not exist")
   */
  record PointerRead(
      Optional<ActiveModel> active, Optional<UsersStoreDocuments.Pointer> pointer, long version) {}

  /** The latest pointer and the active model's constants (real-time get). */
  PointerRead pointer() throws IOException, SolrServerException {
    SolrDocument pointerDoc = client.getById(collection, ACTIVE_DOC_ID);
    if (pointerDoc == null) {
      return new PointerRead(Optional.empty(), Optional.empty(), -1L);
    }
    long version = ((Number) pointerDoc.getFirstValue(VERSION)).longValue();
    try {
      UsersStoreDocuments.Pointer pointer =
          UsersStoreDocuments.Pointer.read(pointerDoc::getFirstValue);
      SolrDocument modelDoc = client.getById(collection, modelDocId(pointer.modelId()));
      if (modelDoc == null) {
        throw new PublishRefusedException(
            String.format(
                Locale.ROOT,
                "users store '%s': the active model '%s' has no document %s; the store is damaged:"
                    + " delete its document %s to publish as into an empty store",
                collection,
                pointer.modelId(),
                modelDocId(pointer.modelId()),
                ACTIVE_DOC_ID));
      }
      UsersStoreDocuments.PublishedModel model =
          UsersStoreDocuments.PublishedModel.read(pointer.modelId(), modelDoc::getFirstValue);
      return new PointerRead(
          Optional.of(
              new ActiveModel(
                  model.modelId(),
                  pointer.slot(),
                  model.factors(),
                  model.clusters(),
                  model.formatVersion())),
          Optional.of(pointer),
          version);
    } catch (MalformedUsersStoreDocumentException e) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "users store '%s' is damaged, nothing was written: %s",
              collection,
              e.getMessage()),
          e);
    }
  }

  /**
   * The pointer queries see: the committed one, read by a search (real-time get also returns an
   * update not committed yet). Empty when no pointer is committed.
   */
  Optional<UsersStoreDocuments.Pointer> committedPointer() throws IOException, SolrServerException {
    SolrQuery q = new SolrQuery("{!term f=" + uniqueKey + "}" + ACTIVE_DOC_ID);
    q.setFields(
        uniqueKey, MODEL, SLOT, CANDIDATE_MODEL, CANDIDATE_SLOT, PREVIOUS_MODEL, PREVIOUS_SLOT);
    q.setRows(1);
    SolrDocumentList found = client.query(collection, q).getResults();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UsersStoreDocuments.Pointer.read(found.get(0)::getFirstValue));
    } catch (MalformedUsersStoreDocumentException e) {
      return Optional.empty();
    }
  }

  /** The latest pointer (real-time get, committed or not), without the model it names. */
  Optional<UsersStoreDocuments.Pointer> latestPointer() throws IOException, SolrServerException {
    SolrDocument pointerDoc = client.getById(collection, ACTIVE_DOC_ID);
    if (pointerDoc == null) {
      return Optional.empty();
    }
    return Optional.of(UsersStoreDocuments.Pointer.read(pointerDoc::getFirstValue));
  }

  /**
   * The switch (or a candidate recorded, a promote, a rollback): writes the pointer only if its
   * {@code _version_} is still {@code expectedVersion} (-1: only if there is none). Returns false,
   * writing nothing, if anyone changed it since.
   */
  boolean switchPointer(UsersStoreDocuments.Pointer next, long expectedVersion)
      throws IOException, SolrServerException {
    SolrInputDocument pointer = document(next.toFields(uniqueKey));
    pointer.setField(VERSION, expectedVersion);
    try {
      client.add(collection, pointer);
      return true;
    } catch (SolrException e) {
      if (e.code() == SolrException.ErrorCode.CONFLICT.code) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The per-model constants the plugin needs at query time (dimensions, mixture log weights, and
   * what session fold-in needs: {@code Y^T Y}, lambda, alpha).
   *
   * @param storedGram {@code Y^T Y} as float32, from {@link ModelPreconditions#check}
   */
  SolrInputDocument modelDocument(
      ModelDirectory.Model model,
      String slot,
      float[] storedGram,
      UsersStoreDocuments.Publication publication) {
    ModelManifest manifest = model.manifest();
    return document(
        new UsersStoreDocuments.PublishedModel(
                manifest.modelId(),
                slot,
                manifest.factors(),
                manifest.clusters(),
                model.gmmLogWeights(),
                storedGram,
                manifest.foldIn(),
                manifest.formatVersion(),
                manifest.created(),
                publication)
            .toFields(uniqueKey));
  }

  /**
   * The profile of the model's user {@code row}, with its {@code seenMax} most recent items when
   * the model directory has them ({@link RecentItems}), in the users schema's field for them.
   */
  SolrInputDocument userDocument(ModelDirectory.Model model, int row) {
    int k = model.k();
    int clusters = model.clusters();
    return document(
        new UsersStoreDocuments.Profile(
                model.manifest().modelId(),
                model.userIds().get(row),
                Arrays.copyOfRange(model.userFactors(), row * k, (row + 1) * k),
                Arrays.copyOfRange(model.userLogAffinity(), row * clusters, (row + 1) * clusters),
                seenItems(model, row))
            .toFields(uniqueKey, seenField));
  }

  /** The constants document of {@code modelId} (real-time get), or empty when there is none. */
  Optional<UsersStoreDocuments.PublishedModel> publishedModel(String modelId)
      throws IOException, SolrServerException {
    SolrDocument doc = client.getById(collection, modelDocId(modelId));
    return doc == null
        ? Optional.empty()
        : Optional.of(UsersStoreDocuments.PublishedModel.read(modelId, doc::getFirstValue));
  }

  /** Every model document of the store (a few: the models the two slots held). */
  List<UsersStoreDocuments.PublishedModel> publishedModels()
      throws IOException, SolrServerException {
    SolrQuery q = new SolrQuery("*:*");
    q.addFilterQuery(DOC_TYPE + ":" + TYPE_MODEL);
    q.setRows(1_000);
    List<UsersStoreDocuments.PublishedModel> models = new ArrayList<>();
    for (SolrDocument doc : client.query(collection, q).getResults()) {
      models.add(
          UsersStoreDocuments.PublishedModel.read(
              (String) doc.getFirstValue(MODEL), doc::getFirstValue));
    }
    return models;
  }

  private List<String> seenItems(ModelDirectory.Model model, int row) {
    RecentItems recent = model.recentItems();
    if (recent == null || seenMax == 0) {
      return List.of();
    }
    int[] rows = recent.ofUser(row, seenMax);
    String[] ids = new String[rows.length];
    for (int i = 0; i < rows.length; i++) {
      ids[i] = model.itemIds().get(rows[i]);
    }
    return Arrays.asList(ids);
  }

  /** Number of user profiles stored for a model (committed ones). */
  long userCount(String modelId) throws IOException, SolrServerException {
    SolrQuery q = new SolrQuery("*:*");
    q.addFilterQuery(DOC_TYPE + ":" + TYPE_USER);
    q.addFilterQuery(MODEL + ":" + ClientUtils.escapeQueryChars(modelId));
    q.setRows(0);
    return client.query(collection, q).getResults().getNumFound();
  }

  /**
   * Deletes the profiles and constants of every model except the ones kept: reclaims what the slot
   * about to be overwritten belonged to.
   */
  void deleteModelsExcept(String... keep) throws IOException, SolrServerException {
    StringBuilder query =
        new StringBuilder(
            "(" + DOC_TYPE + ":" + TYPE_USER + " OR " + DOC_TYPE + ":" + TYPE_MODEL + ")");
    for (String id : keep) {
      if (id != null) {
        query.append(" AND -").append(MODEL).append(':').append(ClientUtils.escapeQueryChars(id));
      }
    }
    client.deleteByQuery(collection, query.toString());
  }

  /** A SolrJ document of the codec's fields, in their order. */
  static SolrInputDocument document(Map<String, Object> fields) {
    SolrInputDocument doc = new SolrInputDocument();
    fields.forEach(doc::setField);
    return doc;
  }
}
