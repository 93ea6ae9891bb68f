package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.solrpersonalize.format.ModelFields;

/**
 * Every catalog document id with the model id its target slot currently holds (empty string for
 * none). Publish writes only onto ids found here, so it never creates a document, and skips ids
 * whose slot already holds the model being published, so a rerun resumes.
 */
final class CatalogScan {
  private static final int PAGE = 10_000;

  private CatalogScan() {}

  static Map<String, String> slotModels(SolrClient client, String catalog, String slot)
      throws IOException, SolrServerException {
    String modelField = ModelFields.itemModelField(slot);
    SolrQuery q = new SolrQuery("*:*");
    q.setFields("id", modelField);
    q.setRows(PAGE);
    q.setSort("id", SolrQuery.ORDER.asc);
    q.set("defType", "lucene");
    Map<String, String> byId = new HashMap<>();
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse page = client.query(catalog, q);
      for (SolrDocument doc : page.getResults()) {
        Object model = doc.getFirstValue(modelField);
        byId.put((String) doc.getFirstValue("id"), model == null ? "" : model.toString());
      }
      String next = page.getNextCursorMark();
      if (next.equals(cursor)) {
        return byId;
      }
      cursor = next;
    }
  }
}
