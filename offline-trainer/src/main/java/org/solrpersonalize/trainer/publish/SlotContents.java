package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrServerException;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments.Publication;
import org.solrpersonalize.format.UsersStoreDocuments.PublishedModel;
import org.solrpersonalize.format.UsersStoreDocuments.SlotModel;

/**
 * What a catalog slot holds now, checked against what the publish of a model recorded: {@code
 * promote} and {@code rollback} make a model active only while its slot still holds it whole, and
 * {@code status} says why a candidate or previous model no longer is.
 */
final class SlotContents {
  private final UsersStoreWriter users;
  private final CatalogQueries catalog;

  SlotContents(UsersStoreWriter users, CatalogQueries catalog) {
    this.users = users;
    this.catalog = catalog;
  }

  /** Catalog documents whose {@code slot} holds {@code modelId}. */
  long documents(String modelId, String slot) throws IOException, SolrServerException {
    return catalog.countHolding(slot, modelId);
  }

  /**
   * Why {@code model} is no longer whole in its slot, or empty when it is: no catalog document of
   * the slot holds another model, its model document names that slot, and as many profiles and
   * catalog documents hold it as when it was published.
   */
  Optional<String> whyNotWhole(SlotModel model) throws IOException, SolrServerException {
    String slot = model.slot();
    long others =
        catalog.count(CatalogQueries.holdsOtherThan(slot, ModelFields.modelTag(model.modelId())));
    Optional<PublishedModel> published = users.publishedModel(model.modelId());
    if (others > 0 || published.isEmpty() || !published.get().slot().equals(slot)) {
      Optional<PublishedModel> overwriter = latestOtherIn(slot, model.modelId());
      if (overwriter.isPresent()) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "slot %s now holds model %s (published %s)",
                slot,
                overwriter.get().modelId(),
                overwriter
                    .get()
                    .publicationRecord()
                    .map(p -> p.published().toString())
                    .orElse("at an unknown time")));
      }
      if (others > 0) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "%,d catalog documents of slot %s hold another model's fields (a publish into it"
                    + " did not finish)",
                others,
                slot));
      }
      return Optional.of(
          String.format(
              Locale.ROOT,
              "its model document %s is gone",
              ModelFields.modelDocId(model.modelId())));
    }
    long profiles = users.userCount(model.modelId());
    long documents = documents(model.modelId(), slot);
    Optional<Publication> recorded = published.get().publicationRecord();
    long expectedProfiles = recorded.map(Publication::profiles).orElse(Math.max(1, profiles));
    long expectedDocuments =
        recorded.map(Publication::catalogDocuments).orElse(Math.max(1, documents));
    if (profiles != expectedProfiles || documents != expectedDocuments) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%,d profiles and %,d catalog documents of slot %s hold it, but %,d and %,d did when"
                  + " it was published",
              profiles,
              documents,
              slot,
              expectedProfiles,
              expectedDocuments));
    }
    return Optional.empty();
  }

  /** The most recently published model other than {@code modelId} whose document names slot. */
  private Optional<PublishedModel> latestOtherIn(String slot, String modelId)
      throws IOException, SolrServerException {
    return users.publishedModels().stream()
        .filter(m -> m.slot().equals(slot) && !m.modelId().equals(modelId))
        .max(
            Comparator.comparing(
                (PublishedModel m) ->
                    m.publicationRecord().map(p -> p.published().toEpochMilli()).orElse(0L)));
  }
}
