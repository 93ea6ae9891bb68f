package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelFields;

/**
 * The idle slot once a model's items were written into it and committed: what {@link
 * ModelPublisher} and a Spark publish's {@link PublishSession} both do next, on the process that
 * holds the lock: refuse a model with too few catalog documents, clear the slot's values of an
 * older model on documents the new model does not have, and list the items without a document.
 *
 * @param held the publish, whose lock is checked before every batch
 * @param slot the idle slot the model was written into
 */
record WrittenSlot(LockedPublish held, String slot) {

  /** Atomic update that removes a field's value. */
  private static final Map<String, Object> SET_NULL = Collections.singletonMap("set", null);

  long modelTag() {
    return ModelFields.modelTag(held.modelId());
  }

  /**
   * Refuses to go on when the documents holding the model and the items without a document do not
   * add up to the model's items: the catalog changed during the publish (documents re-added by
   * their indexer without the slot fields).
   */
  void checkCount(long written, Set<String> missing) {
    int items = held.model().itemIds().size();
    if (written + missing.size() != items) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "after writing model %s, catalog '%s' has %d documents with it in slot %s and %d"
                  + " of its items have no document, but the model has %d items; the catalog"
                  + " changed during the publish. It was not switched to: rerun publish",
              held.modelId(),
              held.stores().target().catalog(),
              written,
              slot,
              missing.size(),
              items));
    }
  }

  /**
   * Refuses to switch to a model whose items have too few catalog documents (ids of another form,
   * such as {@code sku-123} against {@code 123}): at least one, and the minimum coverage.
   *
   * @param missing the model's items without a catalog document
   */
  void checkCoverage(long written, Set<String> missing) throws IOException, SolrServerException {
    int items = held.model().itemIds().size();
    PublishOptions options = held.options();
    CatalogQueries catalog = held.stores().catalog();
    if (written >= options.minimumItems(items)) {
      return;
    }
    List<String> ordered = inModelOrder(missing);
    List<String> examples =
        ordered.subList(0, Math.min(CatalogPreconditions.EXAMPLE_IDS, ordered.size()));
    String modelId = held.modelId();
    throw new PublishRefusedException(
        String.format(
            Locale.ROOT,
            "model %s: only %,d of its %,d items have a catalog document, below the minimum of"
                + " %,d (--min-coverage %s); model ids such as %s have none, catalog '%s' has ids"
                + " such as %s: the model's item ids must be values of the catalog's unique key"
                + " '%s'. Model %s was written into slot %s but not switched to",
            modelId,
            written,
            items,
            options.minimumItems(items),
            options.minCoverage(),
            CatalogPreconditions.quoted(examples),
            catalog.catalog(),
            CatalogPreconditions.quoted(catalog.someIds(CatalogPreconditions.EXAMPLE_IDS)),
            catalog.uniqueKey(),
            modelId,
            slot));
  }

  /**
   * Documents whose slot still holds an older model that does not have them lose its fields (a full
   * atomic update: removing a value is not an in-place update), then the catalog is committed.
   * Usually none: they are found by one query on the slot's tag.
   *
   * @return the documents cleared
   */
  long clearStale() throws IOException, SolrServerException {
    CatalogQueries catalog = held.stores().catalog();
    Set<String> ids = catalog.ids(CatalogQueries.holdsOtherThan(slot, modelTag()));
    if (ids.isEmpty()) {
      return 0;
    }
    String itemField = ModelFields.itemField(slot);
    String modelField = ModelFields.itemModelField(slot);
    PublishListener listener = held.listener();
    listener.onPhase("clear", ids.size());
    try (BatchWriter writer =
        new BatchWriter(
            catalog.destination(), "clear", held.options(), listener, held.lock()::verify, null)) {
      for (String id : ids) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(catalog.uniqueKey(), id);
        doc.setField(itemField, SET_NULL);
        doc.setField(modelField, SET_NULL);
        writer.add(doc);
      }
      writer.finish();
    }
    held.lock().verify();
    held.stores().client().commit(catalog.catalog(), true, true);
    return ids.size();
  }

  /** The model's items among {@code missing}, in the model's order. */
  List<String> inModelOrder(Set<String> missing) {
    List<String> ordered = new ArrayList<>();
    for (String id : held.model().itemIds()) {
      if (missing.contains(id)) {
        ordered.add(id);
      }
    }
    return ordered;
  }

  /** Lists the items without a catalog document in {@code --missing-items}, one per line. */
  static void writeMissingItems(PublishOptions options, List<String> missing) throws IOException {
    if (options.missingItemsFile() != null) {
      Files.write(options.missingItemsFile(), missing, StandardCharsets.UTF_8);
    }
  }
}
