package org.solrpersonalize.solr;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;

/**
 * The catalog of the fail-open tests: three shoes, p0 to p2, each with factors and cluster
 * log-densities of {@link UsersStoreFixture}'s model m1 in slot a.
 */
public final class TinyCatalog {
  private static final float[][] ITEMS = {{1, 0, -1, -2}, {0, 1, -3, -0.5f}, {1, 1, -2, -2}};

  private TinyCatalog() {}

  /** Adds the three products to {@code catalog} and commits. */
  public static void index(SolrClient catalog) throws Exception {
    for (int i = 0; i < ITEMS.length; i++) {
      SolrInputDocument doc = new SolrInputDocument("id", "p" + i, "title", "shoe p" + i);
      doc.setField("pz_item_a", VectorCodec.encode(ITEMS[i]));
      doc.setField("pz_model_a", ModelFields.modelTag("m1"));
      catalog.add(doc);
    }
    catalog.commit();
  }
}
