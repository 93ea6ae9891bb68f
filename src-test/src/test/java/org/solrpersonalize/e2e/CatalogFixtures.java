package org.solrpersonalize.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/** A small catalog with every kind of catalog field, and a snapshot of its stored fields. */
public final class CatalogFixtures {
  private CatalogFixtures() {}

  /**
   * Empties the {@code catalog} and {@code users} cores and indexes {@code count} products into the
   * catalog: the starting point of every publish test.
   */
  public static void resetWithProducts(SolrClient client, int count) throws Exception {
    for (String core : List.of("catalog", "users")) {
      client.deleteByQuery(core, "*:*");
      client.commit(core);
    }
    indexProducts(client, "catalog", count);
  }

  public static void indexProducts(SolrClient client, String catalog, int count) throws Exception {
    String[] categories = {"Running Shoes", "Espresso Machines", "Camping Tents"};
    String[] brands = {"Trailmax", "Brewista", "Outpost"};
    List<SolrInputDocument> docs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SolrInputDocument doc = new SolrInputDocument();
      int c = i % categories.length;
      doc.setField("id", "p" + i);
      doc.setField("title", brands[c] + " " + categories[c] + " model " + i);
      doc.setField(
          "description",
          "A dependable " + categories[c].toLowerCase(Locale.ROOT) + " item number " + i);
      doc.setField("category", categories[c]);
      doc.setField("brand", brands[c]);
      doc.setField("price", 10.5f + i);
      doc.setField("stock", i % 7);
      doc.addField("tags", "tag" + (i % 3));
      doc.addField("tags", "sale");
      docs.add(doc);
    }
    client.add(catalog, docs);
    client.commit(catalog);
  }

  /** Every stored field of every document except the model fields, by id. */
  public static Map<String, Map<String, Object>> catalogFields(SolrClient client, String catalog)
      throws Exception {
    SolrQuery q = new SolrQuery("*:*");
    q.set("defType", "lucene");
    q.setRows(100_000);
    q.setFields("*");
    Map<String, Map<String, Object>> byId = new HashMap<>();
    for (SolrDocument doc : client.query(catalog, q).getResults()) {
      Map<String, Object> fields = new HashMap<>();
      for (String name : doc.getFieldNames()) {
        if (!name.startsWith("pz_") && !name.equals("_version_")) {
          fields.put(name, doc.getFieldValue(name));
        }
      }
      byId.put((String) doc.getFieldValue("id"), fields);
    }
    return byId;
  }
}
