package org.solrpersonalize.trainer.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.format.VectorCodec;

/**
 * What queries see of a published model, read by searches (committed state, never real-time get):
 * the pointer, the catalog documents holding the model in its slot, and its profiles.
 */
record PublishedStore(SolrClient client, String catalog, String users) {
  /** The committed pointer, as {@code model/slot}, or "none". */
  String committedPointer() throws Exception {
    SolrQuery q = new SolrQuery("{!term f=id}" + ModelFields.ACTIVE_DOC_ID);
    SolrDocumentList found = client.query(users, q).getResults();
    if (found.isEmpty()) {
      return "none";
    }
    UsersStoreDocuments.Pointer p = UsersStoreDocuments.Pointer.read(found.get(0)::getFirstValue);
    return p.modelId() + "/" + p.slot();
  }

  /**
   * Asserts that {@code model} is the active model and answers whole: the committed pointer names
   * it and {@code slot}, each of its first {@code itemsInCatalog} items' catalog document holds its
   * exact factors and log-densities in that slot (and no other document holds it), and each of its
   * users has a profile with the exact values.
   */
  void assertActiveAndWhole(ModelDirectory.Model model, String slot, int itemsInCatalog)
      throws Exception {
    String modelId = model.manifest().modelId();
    assertEquals(modelId + "/" + slot, committedPointer(), "the committed pointer");
    int k = model.k();
    int clusters = model.clusters();

    SolrQuery items = new SolrQuery("*:*");
    items.set("defType", "lucene");
    items.addFilterQuery(CatalogQueries.holds(slot, ModelFields.modelTag(modelId)));
    items.setFields("id", ModelFields.itemField(slot));
    items.setRows(10_000);
    Map<String, float[]> stored = new HashMap<>();
    for (SolrDocument doc : client.query(catalog, items).getResults()) {
      stored.put((String) doc.getFirstValue("id"), decode(doc, ModelFields.itemField(slot)));
    }
    assertEquals(itemsInCatalog, stored.size(), "catalog documents holding " + modelId);
    for (int row = 0; row < itemsInCatalog; row++) {
      float[] item = stored.get(model.itemIds().get(row));
      float[] expected = new float[k + clusters];
      System.arraycopy(model.itemFactors(), row * k, expected, 0, k);
      System.arraycopy(model.itemLogDensity(), row * clusters, expected, k, clusters);
      assertArrayEquals(expected, item, "item " + model.itemIds().get(row));
    }

    SolrQuery profiles = new SolrQuery("*:*");
    profiles.addFilterQuery(ModelFields.DOC_TYPE + ":" + ModelFields.TYPE_USER);
    profiles.addFilterQuery("{!term f=" + ModelFields.MODEL + "}" + modelId);
    profiles.setFields(ModelFields.USER, ModelFields.USER_VECTOR, ModelFields.USER_LOG_AFFINITY);
    profiles.setRows(10_000);
    Map<String, SolrDocument> byUser = new HashMap<>();
    for (SolrDocument doc : client.query(users, profiles).getResults()) {
      byUser.put((String) doc.getFirstValue(ModelFields.USER), doc);
    }
    assertEquals(model.userIds().size(), byUser.size(), "profiles of " + modelId);
    for (int row = 0; row < model.userIds().size(); row++) {
      SolrDocument doc = byUser.get(model.userIds().get(row));
      assertArrayEquals(
          Arrays.copyOfRange(model.userFactors(), row * k, (row + 1) * k),
          decode(doc, ModelFields.USER_VECTOR));
      assertArrayEquals(
          Arrays.copyOfRange(model.userLogAffinity(), row * clusters, (row + 1) * clusters),
          decode(doc, ModelFields.USER_LOG_AFFINITY));
    }
  }

  /** The state a stopped publish must report when {@code modelId} is whole and active. */
  static String stateAfterStopping(String modelId, String slot, int documents, int profiles) {
    return String.format(
        Locale.ROOT,
        "checked after stopping: the active model is %s in slot %s, held by %,d catalog documents"
            + " and %,d profiles",
        modelId,
        slot,
        documents,
        profiles);
  }

  /** A message with every publisher's {@code pid@host#nonce} replaced by {@code <owner>}. */
  static String withoutOwners(String message) {
    return message.replaceAll("[0-9]+@[^ ,]+#[0-9a-f]+", "<owner>");
  }

  private static float[] decode(SolrDocument doc, String field) {
    byte[] bytes = (byte[]) doc.getFirstValue(field);
    return VectorCodec.decode(bytes, 0, bytes.length);
  }
}
