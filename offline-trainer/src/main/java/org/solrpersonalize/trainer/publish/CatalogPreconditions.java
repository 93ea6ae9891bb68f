package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.UpdateParams;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;

/**
 * What a publish checks of the catalog before it takes the lock: the slot fields and the {@code
 * pz-publish} chain exist, and some of the model's items have a document. Each failure is a {@link
 * PublishRefusedException} that says what to change.
 */
final class CatalogPreconditions {
  /** Model items looked up in the catalog before anything is written. */
  static final int COVERAGE_SAMPLE = 1_000;

  /** Ids quoted as examples in a message. */
  static final int EXAMPLE_IDS = 3;

  private static final String PUBLISH_CHAIN = ModelPublisher.PUBLISH_CHAIN;

  private CatalogPreconditions() {}

  /**
   * Refuses before anything is written when none of up to {@value #COVERAGE_SAMPLE} of the model's
   * items, spread over its rows, has a catalog document: its ids are of another form than the
   * catalog's.
   */
  static void checkSomeItemsInCatalog(
      CatalogQueries catalog, String catalogName, ModelDirectory.Model model)
      throws IOException, SolrServerException {
    List<String> itemIds = model.itemIds();
    if (itemIds.isEmpty()) {
      return;
    }
    int n = Math.min(COVERAGE_SAMPLE, itemIds.size());
    List<String> sample = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sample.add(itemIds.get((int) ((long) i * itemIds.size() / n)));
    }
    if (!catalog.existing(sample).isEmpty()) {
      return;
    }
    throw new PublishRefusedException(
        String.format(
            Locale.ROOT,
            "model %s: none of %,d of its items (model ids such as %s) has a document in catalog"
                + " '%s' (ids such as %s): the model's item ids must be values of the catalog's"
                + " unique key '%s'. Nothing was written, the active model is unchanged",
            model.manifest().modelId(),
            n,
            quoted(sample.subList(0, Math.min(EXAMPLE_IDS, n))),
            catalogName,
            quoted(catalog.someIds(EXAMPLE_IDS)),
            catalog.uniqueKey()));
  }

  /** {@code 'a', 'b', 'c'}, or a note that there is none. */
  static String quoted(List<String> ids) {
    if (ids.isEmpty()) {
      return "(none: it is empty)";
    }
    StringBuilder out = new StringBuilder();
    for (String id : ids) {
      out.append(out.length() == 0 ? "" : ", ").append('\'').append(id).append('\'');
    }
    return out.toString();
  }

  static void checkSchema(SolrClient client, String catalog)
      throws IOException, SolrServerException {
    for (String slot : List.of(ModelFields.SLOT_A, ModelFields.SLOT_B)) {
      for (String field : List.of(ModelFields.itemField(slot), ModelFields.itemModelField(slot))) {
        try {
          new SchemaRequest.Field(field).process(client, catalog);
        } catch (SolrException e) {
          if (e.code() == 404) {
            throw new PublishRefusedException(
                String.format(
                    Locale.ROOT,
                    "catalog '%s' has no field '%s': use the catalog configset of this project"
                        + " (configsets/catalog) or add the personalization fields to its schema",
                    catalog,
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
      probe.process(client, catalog);
    } catch (SolrException e) {
      if (e.getMessage() != null && e.getMessage().contains(PUBLISH_CHAIN)) {
        throw new PublishRefusedException(
            String.format(
                Locale.ROOT,
                "catalog '%s' has no update chain '%s': use the catalog configset of this project"
                    + " (configsets/catalog) or copy its '%s' chain into your solrconfig.xml",
                catalog,
                PUBLISH_CHAIN,
                PUBLISH_CHAIN));
      }
      // "missing content stream" or similar: the chain exists
    }
  }
}
