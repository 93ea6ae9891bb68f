package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.params.UpdateParams;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;

/**
 * Publishes a model directory into Solr so that queries switch from the old model to the new one in
 * one step.
 *
 * <ol>
 *   <li>Refuse before writing anything if the catalog lacks the slot fields or the model's
 *       dimensions or format differ from the active model's.
 *   <li>Take the users store's publish lock (one publish at a time).
 *   <li>Write user profiles ({@code <modelId>/<userId>}) and the model document into the users
 *       store, and the item fields into the <em>idle</em> slot of existing catalog documents with
 *       atomic {@code set} updates, which Solr applies in place because the slot fields are
 *       docValues-only ({@code InPlaceBinaryField} and a long tag): no other field of the document
 *       is read or rewritten, and the catalog is not re-sent. Queries keep reading the active slot,
 *       untouched.
 *   <li>Commit both, check the counts, then update the pointer document {@code _pz_active_}: the
 *       switch. Until then the old model serves whole; a publish killed before it changes nothing
 *       visible, and a rerun rewrites what was already written with the same values.
 * </ol>
 *
 * Documents are addressed by each schema's unique key field, whatever its name.
 */
public final class ModelPublisher {
  /** The catalog's update chain for item fields (configsets/catalog/conf/solrconfig.xml). */
  public static final String PUBLISH_CHAIN = "pz-publish";

  /** Atomic update that removes a field's value. */
  private static final Map<String, Object> SET_NULL = Collections.singletonMap("set", null);

  private final SolrTarget target;
  private final PublishOptions options;
  private final PublishListener listener;

  public ModelPublisher(SolrTarget target, PublishOptions options, PublishListener listener) {
    this.target = target;
    this.options = options;
    this.listener = listener;
  }

  public PublishReport publish(ModelDirectory.Model model) throws IOException, SolrServerException {
    try (SolrClient client = target.openClient()) {
      return publish(client, model);
    }
  }

  /** Publishes with a caller-owned client (tests, the demo). */
  public PublishReport publish(SolrClient client, ModelDirectory.Model model)
      throws IOException, SolrServerException {
    long start = System.nanoTime();
    String modelId = model.manifest().modelId();
    UsersStoreWriter users =
        new UsersStoreWriter(client, target.users(), uniqueKey(client, target.users()));
    CatalogQueries catalog =
        new CatalogQueries(client, target.catalog(), uniqueKey(client, target.catalog()));
    checkCatalogSchema(client);
    Optional<ActiveModel> active = users.active();
    if (active.isPresent() && active.get().modelId().equals(modelId)) {
      return new PublishReport(
          modelId, active.get().slot(), modelId, 0, 0, 0, 0, 0, 0, seconds(start), true);
    }
    active.ifPresent(a -> checkCompatible(a, model));
    String slot = active.map(a -> ModelFields.otherSlot(a.slot())).orElse(ModelFields.SLOT_A);
    String previous = active.map(ActiveModel::modelId).orElse(null);
    // Built before anything is written: it refuses a manifest without fold-in parameters.
    SolrInputDocument modelDocument = users.modelDocument(model, slot);

    try (PublishLock lock =
        PublishLock.acquire(
            client,
            target.users(),
            users.uniqueKey(),
            owner(),
            modelId,
            options.lockStaleAfter(),
            listener)) {
      // Reclaim: the idle slot's old model (neither active nor being published) goes away.
      users.deleteModelsExcept(previous, modelId);
      client.add(target.users(), modelDocument);

      listener.onPhase("users", model.userIds().size());
      try (BatchWriter writer =
          new BatchWriter(client, target.users(), users.uniqueKey(), "users", options, listener)) {
        for (int u = 0; u < model.userIds().size(); u++) {
          writer.add(users.userDocument(model, u));
        }
        writer.finish();
      }

      CatalogWrite items = writeCatalog(client, catalog, model, slot);

      listener.onPhase("commit", -1);
      client.commit(target.users(), true, true);
      verifyUsers(users, model);

      lock.checkHeld();
      listener.onPhase("switch", -1);
      client.add(target.users(), users.pointerDocument(modelId, slot));
      client.commit(target.users(), true, true);

      writeMissingItems(items.missing());
      return new PublishReport(
          modelId,
          slot,
          previous,
          items.written(),
          items.alreadyWritten(),
          items.missing().size(),
          items.withoutFactors(),
          items.cleared(),
          model.userIds().size(),
          seconds(start),
          false);
    }
  }

  private record CatalogWrite(
      long written, long alreadyWritten, List<String> missing, long withoutFactors, long cleared) {}

  /**
   * Writes the model's item fields into {@code slot} of the catalog documents and commits.
   *
   * <p>Items go through the catalog's {@code pz-publish} chain as in-place updates that must stay
   * in place ({@code update.partial.requireInPlace}): Solr updates only documents that exist, and
   * its tolerant processor reports the ids it skipped instead of failing their batch. So no catalog
   * id is read beforehand; the skipped ids are the items missing from the catalog. A skipped id
   * whose document exists after all (added meanwhile) is written again, and a count by model tag
   * catches documents re-added without the fields during the publish. Rewriting a document that
   * already holds the model writes the same values, so a rerun of a killed publish completes it.
   */
  private CatalogWrite writeCatalog(
      SolrClient client, CatalogQueries catalog, ModelDirectory.Model model, String slot)
      throws IOException, SolrServerException {
    long modelTag = ModelFields.modelTag(model.manifest().modelId());
    String holdsModel = CatalogQueries.holds(slot, modelTag);
    long already = catalog.count(holdsModel);

    listener.onPhase("catalog", model.itemIds().size());
    Set<String> missing =
        new HashSet<>(
            writeItems(
                    client,
                    catalog,
                    model,
                    slot,
                    modelTag,
                    IntStream.range(0, model.itemIds().size()))
                .keySet());
    client.commit(target.catalog(), true, true);
    rewriteExisting(client, catalog, model, slot, modelTag, missing);

    long written = catalog.count(holdsModel);
    if (written + missing.size() != model.itemIds().size()) {
      // Some documents lost the fields after being written: re-added by their indexer.
      listener.onPhase("re-added items", -1);
      Set<String> holding = catalog.ids(holdsModel);
      Set<String> lacking = new HashSet<>();
      for (String id : model.itemIds()) {
        if (!holding.contains(id) && !missing.contains(id)) {
          lacking.add(id);
        }
      }
      rewriteExisting(client, catalog, model, slot, modelTag, lacking);
      missing.addAll(lacking);
      written = catalog.count(holdsModel);
      if (written + missing.size() != model.itemIds().size()) {
        throw new PublishRefusedException(
            String.format(
                Locale.ROOT,
                "after writing model %s, catalog '%s' has %d documents with it in slot %s and %d"
                    + " of its items have no document, but the model has %d items; the catalog"
                    + " changed during the publish. The active model is unchanged: rerun publish",
                model.manifest().modelId(),
                target.catalog(),
                written,
                slot,
                missing.size(),
                model.itemIds().size()));
      }
    }

    long cleared = clearStaleSlot(client, catalog, slot, modelTag);
    long withoutFactors = catalog.count() - written;
    List<String> missingInModelOrder = new ArrayList<>();
    for (String id : model.itemIds()) {
      if (missing.contains(id)) {
        missingInModelOrder.add(id);
      }
    }
    return new CatalogWrite(written, already, missingInModelOrder, withoutFactors, cleared);
  }

  /**
   * Writes again the items among {@code candidates} whose documents exist, removing them from
   * {@code candidates}; refuses if Solr skips an existing document again (it cannot update it in
   * place: a catalog schema other than the project's).
   */
  private void rewriteExisting(
      SolrClient client,
      CatalogQueries catalog,
      ModelDirectory.Model model,
      String slot,
      long modelTag,
      Set<String> candidates)
      throws IOException, SolrServerException {
    if (candidates.isEmpty()) {
      return;
    }
    List<String> existing = catalog.existing(candidates);
    if (existing.isEmpty()) {
      return;
    }
    Set<String> existingIds = new HashSet<>(existing);
    IntStream rows =
        IntStream.range(0, model.itemIds().size())
            .filter(i -> existingIds.contains(model.itemIds().get(i)));
    Map<String, String> skippedAgain = writeItems(client, catalog, model, slot, modelTag, rows);
    client.commit(target.catalog(), true, true);
    List<String> stillExisting = catalog.existing(skippedAgain.keySet());
    if (!stillExisting.isEmpty()) {
      String id = stillExisting.get(0);
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "catalog '%s' has document '%s' but Solr did not update its model fields in place"
                  + " (%s); the slot fields must be indexed=\"false\" stored=\"false\""
                  + " docValues=\"true\" with the types of configsets/catalog. The active model"
                  + " is unchanged",
              target.catalog(),
              id,
              skippedAgain.get(id)));
    }
    candidates.removeAll(existingIds);
  }

  /**
   * Writes the items of the given model rows, in stream order (consumed here); returns the ids Solr
   * skipped, with its message.
   */
  private Map<String, String> writeItems(
      SolrClient client,
      CatalogQueries catalog,
      ModelDirectory.Model model,
      String slot,
      long modelTag,
      IntStream rows) {
    String itemField = ModelFields.itemField(slot);
    String modelField = ModelFields.itemModelField(slot);
    int k = model.k();
    int clusters = model.clusters();
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set(UpdateParams.UPDATE_CHAIN, PUBLISH_CHAIN);
    params.set(UpdateParams.REQUIRE_PARTIAL_DOC_UPDATES_INPLACE, true);
    try (BatchWriter writer =
        new BatchWriter(
            client, target.catalog(), catalog.uniqueKey(), "catalog", options, listener, params)) {
      rows.forEach(
          i -> {
            SolrInputDocument doc = new SolrInputDocument();
            doc.setField(catalog.uniqueKey(), model.itemIds().get(i));
            doc.setField(
                itemField,
                Map.of(
                    "set",
                    VectorCodec.encode(
                        model.itemFactors(),
                        i * k,
                        k,
                        model.itemLogDensity(),
                        i * clusters,
                        clusters)));
            doc.setField(modelField, Map.of("set", modelTag));
            writer.add(doc);
          });
      writer.finish();
      return writer.skipped();
    }
  }

  /**
   * Documents whose slot still holds an older model that does not have them lose its fields (a full
   * atomic update: removing a value is not an in-place update). Usually none.
   */
  private long clearStaleSlot(SolrClient client, CatalogQueries catalog, String slot, long modelTag)
      throws IOException, SolrServerException {
    String stale = CatalogQueries.holdsOtherThan(slot, modelTag);
    Set<String> ids = catalog.ids(stale);
    if (ids.isEmpty()) {
      return 0;
    }
    String itemField = ModelFields.itemField(slot);
    String modelField = ModelFields.itemModelField(slot);
    listener.onPhase("clear", ids.size());
    try (BatchWriter writer =
        new BatchWriter(
            client, target.catalog(), catalog.uniqueKey(), "clear", options, listener)) {
      for (String id : ids) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(catalog.uniqueKey(), id);
        doc.setField(itemField, SET_NULL);
        doc.setField(modelField, SET_NULL);
        writer.add(doc);
      }
      writer.finish();
    }
    client.commit(target.catalog(), true, true);
    return ids.size();
  }

  private void verifyUsers(UsersStoreWriter users, ModelDirectory.Model model)
      throws IOException, SolrServerException {
    String modelId = model.manifest().modelId();
    long usersFound = users.userCount(modelId);
    if (usersFound != model.userIds().size()) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "after writing model %s, users store '%s' has %d profiles (expected %d); the active"
                  + " model is unchanged, rerun publish",
              modelId,
              target.users(),
              usersFound,
              model.userIds().size()));
    }
  }

  /** The schema's unique key field: documents are addressed by it, whatever its name. */
  private static String uniqueKey(SolrClient client, String collection)
      throws IOException, SolrServerException {
    return new SchemaRequest.UniqueKey().process(client, collection).getUniqueKey();
  }

  private void checkCatalogSchema(SolrClient client) throws IOException, SolrServerException {
    for (String slot : List.of(ModelFields.SLOT_A, ModelFields.SLOT_B)) {
      for (String field : List.of(ModelFields.itemField(slot), ModelFields.itemModelField(slot))) {
        try {
          new SchemaRequest.Field(field).process(client, target.catalog());
        } catch (SolrException e) {
          if (e.code() == 404) {
            throw new PublishRefusedException(
                String.format(
                    Locale.ROOT,
                    "catalog '%s' has no field '%s': use the catalog configset of this project"
                        + " (configsets/catalog) or add the personalization fields to its schema",
                    target.catalog(),
                    field));
          }
          throw e;
        }
      }
    }
    // An empty update through the chain: Solr names an unknown chain before reading any content.
    UpdateRequest probe = new UpdateRequest();
    probe.setParam(UpdateParams.UPDATE_CHAIN, PUBLISH_CHAIN);
    try {
      probe.process(client, target.catalog());
    } catch (SolrException e) {
      if (e.getMessage() != null && e.getMessage().contains(PUBLISH_CHAIN)) {
        throw new PublishRefusedException(
            String.format(
                Locale.ROOT,
                "catalog '%s' has no update chain '%s': use the catalog configset of this project"
                    + " (configsets/catalog) or copy its '%s' chain into your solrconfig.xml",
                target.catalog(),
                PUBLISH_CHAIN,
                PUBLISH_CHAIN));
      }
      // "missing content stream" or similar: the chain exists
    }
  }

  private void checkCompatible(ActiveModel active, ModelDirectory.Model model) {
    var m = model.manifest();
    if (active.formatVersion() != m.formatVersion()) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "model %s has format version %d but the active model %s has %d; nothing was written",
              m.modelId(),
              m.formatVersion(),
              active.modelId(),
              active.formatVersion()));
    }
    if (!options.allowDimensionChange()
        && (active.factors() != m.factors() || active.clusters() != m.clusters())) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "model %s has %d factors and %d clusters but the active model %s has %d and %d;"
                  + " nothing was written (pass --allow-dimension-change to publish it anyway)",
              m.modelId(),
              m.factors(),
              m.clusters(),
              active.modelId(),
              active.factors(),
              active.clusters()));
    }
  }

  private void writeMissingItems(List<String> missing) throws IOException {
    if (options.missingItemsFile() != null) {
      Files.write(options.missingItemsFile(), missing, StandardCharsets.UTF_8);
    }
  }

  private static String owner() {
    return ManagementFactory.getRuntimeMXBean().getName(); // pid@host
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
