package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.CursorMarkParams;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.solrpersonalize.format.ModelFields;

/**
 * The catalog reads a publish makes: counts by slot tag, and the ids behind them only when a count
 * says something is off (items missing from the catalog, stale slot values). A publish whose every
 * item is in the catalog reads no id at all.
 *
 * @param uniqueKey the catalog schema's unique key field: the item ids of the model
 */
record CatalogQueries(SolrClient client, String catalog, String uniqueKey) {
  private static final int PAGE = 10_000;
  private static final int IDS_PER_LOOKUP = 1_000;

  /** Where a {@link BatchWriter} sends catalog updates. */
  BatchWriter.Destination destination() {
    return new BatchWriter.Destination(client, catalog, uniqueKey);
  }

  /** Filter: the slot holds this model. */
  static String holds(String slot, long modelTag) {
    return ModelFields.itemModelField(slot)
        + ":"
        + ClientUtils.escapeQueryChars(Long.toString(modelTag));
  }

  /** Filter: the slot holds some other model. */
  static String holdsOtherThan(String slot, long modelTag) {
    return ModelFields.itemModelField(slot) + ":[* TO *] -" + holds(slot, modelTag);
  }

  /** Catalog documents whose {@code slot} holds {@code modelId}. */
  long countHolding(String slot, String modelId) throws IOException, SolrServerException {
    return count(holds(slot, ModelFields.modelTag(modelId)));
  }

  long count(String... filters) throws IOException, SolrServerException {
    SolrQuery q = query(filters);
    q.setRows(0);
    return client.query(catalog, q).getResults().getNumFound();
  }

  /** Every id matching the filters, paged with a cursor. */
  Set<String> ids(String... filters) throws IOException, SolrServerException {
    SolrQuery q = query(filters);
    q.setFields(uniqueKey);
    q.setRows(PAGE);
    q.setSort(uniqueKey, SolrQuery.ORDER.asc);
    Set<String> ids = new HashSet<>();
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse page = client.query(catalog, q);
      for (SolrDocument doc : page.getResults()) {
        ids.add(doc.getFirstValue(uniqueKey).toString());
      }
      String next = page.getNextCursorMark();
      if (next.equals(cursor)) {
        return ids;
      }
      cursor = next;
    }
  }

  /** Up to {@code n} ids of the catalog, smallest first: examples for a message. */
  List<String> someIds(int n) throws IOException, SolrServerException {
    SolrQuery q = query();
    q.setFields(uniqueKey);
    q.setRows(n);
    q.setSort(uniqueKey, SolrQuery.ORDER.asc);
    List<String> ids = new ArrayList<>();
    for (SolrDocument doc : client.query(catalog, q).getResults()) {
      ids.add(doc.getFirstValue(uniqueKey).toString());
    }
    return ids;
  }

  /** The ids among {@code candidates} that have a catalog document (real-time get). */
  List<String> existing(Collection<String> candidates) throws IOException, SolrServerException {
    List<String> found = new ArrayList<>();
    List<String> chunk = new ArrayList<>(IDS_PER_LOOKUP);
    for (String id : candidates) {
      chunk.add(id);
      if (chunk.size() == IDS_PER_LOOKUP) {
        found.addAll(lookup(chunk));
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      found.addAll(lookup(chunk));
    }
    return found;
  }

  /**
   * Real-time get of {@code ids} in a POST body: a thousand ids in a URL pass Jetty's 8,192-byte
   * header limit ("Header size 9529 > 8192") as soon as they average 9 bytes.
   */
  private List<String> lookup(List<String> ids) throws IOException, SolrServerException {
    ModifiableSolrParams params = new ModifiableSolrParams();
    for (String id : ids) {
      params.add("id", id);
    }
    params.set(CommonParams.FL, uniqueKey);
    QueryRequest get = new QueryRequest(params, SolrRequest.METHOD.POST);
    get.setPath("/get");
    List<String> found = new ArrayList<>();
    for (SolrDocument doc : get.process(client, catalog).getResults()) {
      found.add(doc.getFirstValue(uniqueKey).toString());
    }
    return found;
  }

  private static SolrQuery query(String... filters) {
    SolrQuery q = new SolrQuery("*:*");
    q.set("defType", "lucene");
    q.addFilterQuery(filters);
    return q;
  }
}
