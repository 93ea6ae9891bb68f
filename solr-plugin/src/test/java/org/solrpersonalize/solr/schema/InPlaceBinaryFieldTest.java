package org.solrpersonalize.solr.schema;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.schema.SchemaField;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.solr.TestSolrHomes;

/**
 * {@link InPlaceBinaryField} in a core of the catalog configset: an atomic {@code set} of a slot
 * field is Lucene's in-place doc-values update (no new document), and this test fails if a Solr
 * upgrade stops taking that path.
 */
public class InPlaceBinaryFieldTest extends SolrTestCaseJ4 {
  private static EmbeddedSolrServer catalog;

  @BeforeClass
  public static void beforeClass() throws Exception {
    Path home = createTempDir("solr-home");
    TestSolrHomes.create(home, "catalog");
    initCore("solrconfig.xml", "schema.xml", home.toString(), "catalog");
    catalog = new EmbeddedSolrServer(h.getCoreContainer(), "catalog");
  }

  @AfterClass
  public static void afterClass() {
    catalog = null;
  }

  @Test
  public void anAtomicSetRewritesTheValueInPlace() throws Exception {
    catalog.add(document("x1", "title", "red shoe", "pz_item_a", new byte[] {1, 2, 3, 4}));
    catalog.commit();
    int maxDoc = maxDoc();

    SolrInputDocument update = new SolrInputDocument("id", "x1");
    update.setField("pz_item_a", Map.of("set", new byte[] {5, 6, 7, 8, 9, 10, 11, 12}));
    catalog.add(update);
    catalog.commit();
    assertEquals("an in-place update adds no document", maxDoc, maxDoc());
    assertEquals(new BytesRef(new byte[] {5, 6, 7, 8, 9, 10, 11, 12}), value("x1"));
    assertEquals(
        "the text was not re-indexed away",
        1,
        catalog.query(params("q", "title:shoe")).getResults().getNumFound());

    // Base64 text, as JSON and XML updates send bytes, takes the same path.
    SolrInputDocument asText = new SolrInputDocument("id", "x1");
    asText.setField(
        "pz_item_a", Map.of("set", Base64.getEncoder().encodeToString(new byte[] {-1, 0, 1, 2})));
    catalog.add(asText);
    catalog.commit();
    assertEquals(maxDoc, maxDoc());
    assertEquals(new BytesRef(new byte[] {-1, 0, 1, 2}), value("x1"));
  }

  @Test
  public void aValueThatIsNotBytesIsA400NamingTheField() throws Exception {
    catalog.add(document("x2", "pz_item_a", new byte[] {1, 2, 3, 4}));
    catalog.commit();
    SolrInputDocument badSet = new SolrInputDocument("id", "x2");
    badSet.setField("pz_item_a", Map.of("set", "not base64!"));
    assertRefused(
        badSet,
        "Error converting field 'pz_item_a'='not base64!' to native type, msg=Illegal base64"
            + " character 20");
    assertRefused(
        new SolrInputDocument("id", "x99", "pz_item_a", "not base64!"),
        "field 'pz_item_a' takes bytes or base64 text, got text that is not base64");
    assertRefused(
        document("x98", "pz_item_a", 42),
        "field 'pz_item_a' takes bytes or base64 text, got java.lang.Integer");
  }

  /** Adding {@code doc} is a 400 whose message contains {@code message}. */
  private static void assertRefused(SolrInputDocument doc, String message) {
    SolrException e = expectThrows(SolrException.class, () -> catalog.add(doc));
    assertEquals(400, e.code());
    assertTrue(e.getMessage(), e.getMessage().contains(message));
  }

  @Test
  public void onlyADocValuesOnlySingleValuedFieldCanBeUpdatedInPlace() {
    SchemaField slot = h.getCore().getLatestSchema().getField("pz_item_a");
    slot.getType().checkSchemaField(slot);
    // A field with the properties of "id" (indexed and stored, without docValues): Solr checks
    // the type's constraints as it builds the field.
    int idProperties = h.getCore().getLatestSchema().getField("id").getProperties();
    SolrException e =
        expectThrows(
            SolrException.class,
            () -> new SchemaField("pz_item_x", slot.getType(), idProperties, null));
    assertEquals(500, e.code());
    assertEquals(
        "field 'pz_item_x' of type InPlaceBinaryField must be indexed=\"false\""
            + " stored=\"false\" docValues=\"true\" multiValued=\"false\" to be updated in place",
        e.getMessage());
  }

  private static SolrInputDocument document(String id, Object... fieldsAndValues) {
    SolrInputDocument doc = new SolrInputDocument("id", id);
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      doc.setField((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return doc;
  }

  private static int maxDoc() throws Exception {
    return h.getCore().withSearcher(s -> s.getIndexReader().maxDoc());
  }

  private static BytesRef value(String id) throws Exception {
    return h.getCore()
        .withSearcher(
            s -> {
              int doc = s.getFirstMatch(new org.apache.lucene.index.Term("id", id));
              BinaryDocValues values =
                  MultiDocValues.getBinaryValues(s.getIndexReader(), "pz_item_a");
              assertTrue(values.advanceExact(doc));
              return BytesRef.deepCopyOf(values.binaryValue());
            });
  }
}
