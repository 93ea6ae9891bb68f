package org.solrpersonalize.solr;

import java.util.ArrayList;
import java.util.List;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.NamedList;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.format.VectorCodec;

/**
 * The seen-items tests' catalog and user, standalone and SolrCloud alike: products p1..p10 titled
 * "shoe" with model m1's factors (i, 0), so that with {@link #DOT_ONLY} a user of vector (2, 1)
 * ranks them p10, p9, ..., p1; user u_seen (u1's vector) has seen p3, p7, p99 (not in the catalog)
 * and p10.
 */
public final class SeenItemsFixture {
  public static final String DOT_ONLY = "textWeight=0 clusterWeight=0 norm=none";
  public static final List<String> U_SEEN_ITEMS = List.of("p3", "p7", "p99", "p10");

  private SeenItemsFixture() {}

  /** Product {@code p<i>}. */
  public static SolrInputDocument product(int i) {
    SolrInputDocument doc = new SolrInputDocument("id", "p" + i, "title", "shoe");
    doc.setField("pz_item_a", VectorCodec.encode(new float[] {i, 0, -1, -1}));
    doc.setField("pz_model_a", ModelFields.modelTag("m1"));
    return doc;
  }

  /** {@link UsersStoreFixture}'s documents and u_seen's profile, for the current users schema. */
  public static List<SolrInputDocument> users() {
    return users(UsersStoreDocuments.SeenField.BINARY);
  }

  /**
   * {@link UsersStoreFixture}'s documents and u_seen's profile, its seen items in {@code seen} (as
   * the publisher writes them into a users store whose schema has that field).
   */
  public static List<SolrInputDocument> users(UsersStoreDocuments.SeenField seen) {
    List<SolrInputDocument> docs = new ArrayList<>(UsersStoreFixture.documents("m0"));
    docs.add(seenProfile("u_seen", seen));
    return docs;
  }

  /**
   * A profile of {@code user} under m1 as u_seen's (u1's vector, u_seen's items in {@code seen}).
   */
  public static SolrInputDocument seenProfile(String user, UsersStoreDocuments.SeenField seen) {
    return UsersStoreFixture.document(
        new UsersStoreDocuments.Profile(
                "m1", user, UsersStoreFixture.U1, new float[] {-1.4f, -0.3f}, U_SEEN_ITEMS)
            .toFields("id", seen));
  }

  public static List<String> ids(QueryResponse rsp) {
    return rsp.getResults().stream().map(d -> (String) d.getFieldValue("id")).toList();
  }

  /** The personalization section's {@code seen} entry, or null. */
  public static NamedList<?> seenSection(QueryResponse rsp) {
    return (NamedList<?>) ((NamedList<?>) rsp.getResponse().get("personalization")).get("seen");
  }
}
