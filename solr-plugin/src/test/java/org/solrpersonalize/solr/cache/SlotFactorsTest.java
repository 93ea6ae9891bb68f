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

  @Test
  void int8RowsHoldHandComputedLevelsAndScales() throws Exception {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
        Document doc = new Document();
        // Two factors, then three log-densities.
        float[] value = {0.5f, -1.27f, -3.1f, -3.3f, -30f};
        doc.add(new BinaryDocValuesField("item", new BytesRef(VectorCodec.encode(value))));
        doc.add(new NumericDocValuesField("tag", 7));
        writer.addDocument(doc);
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        LeafReader leaf = reader.leaves().get(0).reader();
        SlotFactors slot = SlotFactors.build(leaf, "item", "tag", -1, -1, CacheMode.INT8, 2);
        // Scale 1.27 / 127 = 0.01 (0x3C23D70A) rounded up to a bfloat16: 0x3C24 0000 =
        // 0.010009765625; 0.5 / it = 49.95 rounds to 50, -1.27 / it = -126.88 to -127.
        assertEquals(50 * 0.010009765625f, slot.factor(0, 0), 0f);
        assertEquals(-127 * 0.010009765625f, slot.factor(0, 1), 0f);
        // m = -3.1, top ceil(4 m) / 4 = -3: levels round(0.4) = 0, round(1.2) = 1 and 108, past
        // 62, dropped.
        assertEquals(-3f, slot.density(0, 2, 0), 0f);
        assertEquals(-3.25f, slot.density(0, 2, 1), 0f);
        assertEquals(Float.NEGATIVE_INFINITY, slot.density(0, 2, 2), 0f);
        double[] out = new double[3];
        slot.shiftedExpSums(0, 2, new float[] {1, 2, 0}, new float[] {0, 0, 1}, out);
        assertEquals(-3, out[0], 0);
        assertEquals(1 + 2 * (float) Math.exp(-0.25), out[1], 1e-6);
        // Only the dropped cluster weighs: its bound is not under 1/64 of the sum, 0.
        assertEquals(0, out[2], 0);
        // 2 factor bytes, the bfloat16 scale, the short top, 3 bytes of levels; a row number.
        assertEquals(2 + 2 + 2 + 3 + Integer.BYTES, slot.bytes());
      }
    }
  }
}
