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
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;

/**
 * Publishes a model directory into Solr so that queries switch from the old model to the new one
 * in one step.
 *
 * <ol>
 *   <li>Refuse before writing anything if the catalog lacks the slot fields or the model's
 *       dimensions or format differ from the active model's.
 *   <li>Take the users store's publish lock (one publish at a time).
 *   <li>Write user profiles ({@code <modelId>/<userId>}) and the model document into the users
 *       store, and the item fields into the <em>idle</em> slot of existing catalog documents with
 *       atomic updates (so every other field of the document is kept and the catalog is not
 *       re-sent). Queries keep reading the active slot, untouched.
 *   <li>Commit both, check the counts, then update the pointer document {@code _pz_active_}: the
 *       switch. Until then the old model serves whole; a publish killed before it changes nothing
 *       visible, and a rerun skips what was already written.
 * </ol>
 */
public final class ModelPublisher {
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
    UsersStore users = new UsersStore(client, target.users());
    checkCatalogSchema(client);
    Optional<ActiveModel> active = users.active();
    if (active.isPresent() && active.get().modelId().equals(modelId)) {
      return new PublishReport(modelId, active.get().slot(), modelId, 0, 0, 0, 0, 0, 0,
          seconds(start), true);
    }
    active.ifPresent(a -> checkCompatible(a, model));
    String slot = active.map(a -> ModelFields.otherSlot(a.slot())).orElse(ModelFields.SLOT_A);
    String previous = active.map(ActiveModel::modelId).orElse(null);

    try (PublishLock lock = PublishLock.acquire(client, target.users(), owner(), modelId,
        options.lockStaleAfter())) {
      // Reclaim: the idle slot's old model (neither active nor being published) goes away.
      users.deleteModelsExcept(previous, modelId);
      client.add(target.users(), users.modelDocument(model, slot, UsersStore.STATE_WRITING));

      listener.onPhase("scan", -1);
      Map<String, String> slotModels = CatalogScan.slotModels(client, target.catalog(), slot);

      listener.onPhase("users", model.userIds().size());
      try (BatchWriter writer = new BatchWriter(client, target.users(), "users", options, listener)) {
        for (int u = 0; u < model.userIds().size(); u++) {
          writer.add(UsersStore.userDocument(model, u));
        }
        writer.finish();
      }

      CatalogWrite items = writeCatalog(client, model, slot, slotModels);

      listener.onPhase("commit", -1);
      client.commit(target.catalog(), true, true);
      client.commit(target.users(), true, true);
      verify(client, users, model, slot, items);

      lock.checkHeld();
      listener.onPhase("switch", -1);
      client.add(target.users(), users.modelDocument(model, slot, UsersStore.STATE_COMPLETE));
      client.commit(target.users(), true, true);
      lock.checkHeld();
      client.add(target.users(), UsersStore.pointerDocument(modelId, slot));
      client.commit(target.users(), true, true);

      writeMissingItems(items.missing());
      return new PublishReport(
          modelId,
          slot,
          previous,
          items.written(),
          items.alreadyWritten(),
          items.missing().size(),
          slotModels.size() - items.written() - items.alreadyWritten(),
          items.cleared(),
          model.userIds().size(),
          seconds(start),
          false);
    }
  }

  private record CatalogWrite(long written, long alreadyWritten, long cleared, List<String> missing) {}

  private CatalogWrite writeCatalog(SolrClient client, ModelDirectory.Model model, String slot,
      Map<String, String> slotModels) {
    String modelId = model.manifest().modelId();
    String vectorField = ModelFields.itemVectorField(slot);
    String densityField = ModelFields.itemLogDensityField(slot);
    String modelField = ModelFields.itemModelField(slot);
    int k = model.k();
    int clusters = model.clusters();
    List<String> missing = new ArrayList<>();
    Set<String> inModel = new HashSet<>(model.itemIds().size() * 2);
    long written = 0;
    long already = 0;
    long cleared = 0;
    listener.onPhase("catalog", model.itemIds().size());
    try (BatchWriter writer = new BatchWriter(client, target.catalog(), "catalog", options, listener)) {
      float[] vector = new float[k];
      float[] densities = new float[clusters];
      for (int i = 0; i < model.itemIds().size(); i++) {
        String id = model.itemIds().get(i);
        inModel.add(id);
        String current = slotModels.get(id);
        if (current == null) {
          missing.add(id);
          continue;
        }
        if (current.equals(modelId)) {
          already++;
          listener.onBatchWritten("catalog", 1);
          continue;
        }
        System.arraycopy(model.itemFactors(), i * k, vector, 0, k);
        System.arraycopy(model.itemLogDensity(), i * clusters, densities, 0, clusters);
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField("id", id);
        doc.setField(vectorField, Map.of("set", VectorCodec.encode(vector)));
        doc.setField(densityField, Map.of("set", VectorCodec.encode(densities)));
        doc.setField(modelField, Map.of("set", modelId));
        writer.add(doc);
        written++;
      }
      // Documents whose idle slot still holds an older model that no longer has them.
      for (Map.Entry<String, String> e : slotModels.entrySet()) {
        if (!e.getValue().isEmpty() && !e.getValue().equals(modelId) && !inModel.contains(e.getKey())) {
          SolrInputDocument doc = new SolrInputDocument();
          doc.setField("id", e.getKey());
          doc.setField(vectorField, Collections.singletonMap("set", null));
          doc.setField(densityField, Collections.singletonMap("set", null));
          doc.setField(modelField, Collections.singletonMap("set", null));
          writer.add(doc);
          cleared++;
        }
      }
      writer.finish();
    }
    return new CatalogWrite(written, already, cleared, missing);
  }

  private void verify(SolrClient client, UsersStore users, ModelDirectory.Model model, String slot,
      CatalogWrite items) throws IOException, SolrServerException {
    String modelId = model.manifest().modelId();
    SolrQuery q = new SolrQuery("*:*");
    q.set("defType", "lucene");
    q.addFilterQuery(ModelFields.itemModelField(slot) + ":" + ClientUtils.escapeQueryChars(modelId));
    q.setRows(0);
    long found = client.query(target.catalog(), q).getResults().getNumFound();
    long expected = items.written() + items.alreadyWritten();
    long usersFound = users.userCount(modelId);
    if (found != expected || usersFound != model.userIds().size()) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "after writing model %s, catalog '%s' has %d documents with it in slot %s (expected"
                  + " %d) and users store '%s' has %d profiles (expected %d); the active model is"
                  + " unchanged, rerun publish",
              modelId, target.catalog(), found, slot, expected, target.users(), usersFound,
              model.userIds().size()));
    }
  }

  private void checkCatalogSchema(SolrClient client) throws IOException, SolrServerException {
    for (String slot : List.of(ModelFields.SLOT_A, ModelFields.SLOT_B)) {
      for (String field : List.of(ModelFields.itemVectorField(slot),
          ModelFields.itemLogDensityField(slot), ModelFields.itemModelField(slot))) {
        try {
          new SchemaRequest.Field(field).process(client, target.catalog());
        } catch (SolrException e) {
          if (e.code() == 404) {
            throw new PublishRefusedException(
                String.format(
                    Locale.ROOT,
                    "catalog '%s' has no field '%s': use the catalog configset of this project"
                        + " (configsets/catalog) or add the personalization fields to its schema",
                    target.catalog(), field));
          }
          throw e;
        }
      }
    }
  }

  private void checkCompatible(ActiveModel active, ModelDirectory.Model model) {
    var m = model.manifest();
    if (active.formatVersion() != m.formatVersion()) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "model %s has format version %d but the active model %s has %d; nothing was written",
              m.modelId(), m.formatVersion(), active.modelId(), active.formatVersion()));
    }
    if (!options.allowDimensionChange()
        && (active.factors() != m.factors() || active.clusters() != m.clusters())) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "model %s has %d factors and %d clusters but the active model %s has %d and %d;"
                  + " nothing was written (pass --allow-dimension-change to publish it anyway)",
              m.modelId(), m.factors(), m.clusters(), active.modelId(), active.factors(),
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
