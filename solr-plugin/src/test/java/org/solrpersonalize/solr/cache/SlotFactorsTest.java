package org.solrpersonalize.solr.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.format.VectorCodec;

/** Which documents of a segment get a row: live ones carrying the slot's most common tag. */
class SlotFactorsTest {
  @Test
  void rowsOnlyForLiveDocumentsOfTheMostCommonModel() throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      IndexWriterConfig config = new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        long[] tags = {7, 7, 7, 9, 7};
        for (int d = 0; d < tags.length; d++) {
          Document doc = new Document();
          doc.add(new StringField("id", "d" + d, Field.Store.NO));
          doc.add(
              new BinaryDocValuesField(
                  "item", new BytesRef(VectorCodec.encode(new float[] {d, 1, -d}))));
          doc.add(new NumericDocValuesField("tag", tags[d]));
          writer.addDocument(doc);
        }
        writer.deleteDocuments(new Term("id", "d1")); // as an atomic update leaves the old version
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        SlotFactors slot = SlotFactors.build(leaf, "item", "tag", -1, -1, CacheMode.FLOAT, 0);
        assertEquals(7, slot.modelTag());
        assertEquals(3, slot.rows());
        assertTrue(slot.has(0) && slot.has(2) && slot.has(4));
        assertFalse(slot.has(1) || slot.has(3));
        assertEquals(4f * 2 + 1 - 4f, slot.dot(new float[] {2, 1, 1}, 4), 0f);
        // Three rows of 3 floats and a row number per document.
        assertEquals(3 * 3 * Float.BYTES + 5 * Integer.BYTES, slot.bytes());
      }
    }
  }
}
