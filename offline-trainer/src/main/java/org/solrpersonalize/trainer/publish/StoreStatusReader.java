package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments.Pointer;
import org.solrpersonalize.format.UsersStoreDocuments.Publication;
import org.solrpersonalize.format.UsersStoreDocuments.PublishedModel;
import org.solrpersonalize.format.UsersStoreDocuments.SlotModel;

/** Reads {@link StoreStatus}: the committed pointer, the model documents and per-slot counts. */
public final class StoreStatusReader {
  private final SolrTarget target;

  public StoreStatusReader(SolrTarget target) {
    this.target = target;
  }

  public StoreStatus read() throws IOException, SolrServerException {
    try (SolrClient client = target.openClient()) {
      return read(client);
    }
  }

  public StoreStatus read(SolrClient client) throws IOException, SolrServerException {
    TargetStores stores = TargetStores.open(client, target);
    UsersStoreWriter users = stores.users();
    CatalogQueries catalog = stores.catalog();
    SlotContents slots = new SlotContents(users, catalog);
    Optional<Pointer> pointer = users.committedPointer();
    Map<String, StoreStatus.SlotCount> counts = new LinkedHashMap<>();
    for (String slot : new String[] {ModelFields.SLOT_A, ModelFields.SLOT_B}) {
      Map<String, Long> models = new LinkedHashMap<>();
      for (SlotModel m : named(pointer)) {
        if (m.slot().equals(slot) && !models.containsKey(m.modelId())) {
          models.put(m.modelId(), slots.documents(m.modelId(), slot));
        }
      }
      counts.put(
          slot,
          new StoreStatus.SlotCount(
              catalog.count(ModelFields.itemModelField(slot) + ":[* TO *]"), models));
    }
    return new StoreStatus(
        target.catalog(),
        target.users(),
        model(users, slots, pointer.map(Pointer::active).orElse(null)),
        model(users, slots, pointer.flatMap(Pointer::candidateModel).orElse(null)),
        model(users, slots, pointer.flatMap(Pointer::previousModel).orElse(null)),
        new StoreStatus.CatalogCounts(catalog.count(), counts));
  }

  /** The models the pointer names: active, candidate, previous (those present). */
  private static List<SlotModel> named(Optional<Pointer> pointer) {
    List<SlotModel> models = new ArrayList<>();
    pointer.ifPresent(
        p -> {
          models.add(p.active());
          p.candidateModel().ifPresent(models::add);
          p.previousModel().ifPresent(models::add);
        });
    return models;
  }

  private static StoreStatus.ModelStatus model(
      UsersStoreWriter users, SlotContents slots, SlotModel m)
      throws IOException, SolrServerException {
    if (m == null) {
      return null;
    }
    Optional<Publication> publication =
        users.publishedModel(m.modelId()).flatMap(PublishedModel::publicationRecord);
    Optional<String> notWhole = slots.whyNotWhole(m);
    return new StoreStatus.ModelStatus(
        m.modelId(),
        m.slot(),
        publication.map(p -> p.published().toString()).orElse(null),
        users.userCount(m.modelId()),
        slots.documents(m.modelId(), m.slot()),
        publication.map(Publication::metrics).orElse(Map.of()),
        notWhole.isEmpty(),
        notWhole.orElse(null));
  }
}
