package org.solrpersonalize.solr.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;

/**
 * Which documents of a segment get a row (live ones carrying the slot's most common tag), and
 * where: by doc id when at least 7/8 of the segment's documents carry the tag, else by row number.
 */
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

  /** Documents of the 64-document segments below: 8 of them, one in 8, are without the model. */
  private static final int DOCS = 64;

  /** Doc d's value: two factors, two log-densities. */
  private static float[] value(int d, float shift) {
    return new float[] {d * 0.5f - 3 + shift, 1.25f, -d / 3f, -2.5f - d / 8f};
  }

  /**
   * A segment of {@link #DOCS} documents of model 7 in fields {@code item}/{@code tag}, but: every
   * 8th from doc 1 (1, 9, ..., 57) in turn without values, of model 9 or deleted, and doc 62 too
   * (without values) when {@code oneMore}; 56 or 55 of model 7.
   */
  private static DirectoryReader segment(ByteBuffersDirectory dir, boolean oneMore)
      throws Exception {
    IndexWriterConfig config = new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      for (int d = 0; d < DOCS; d++) {
        Document doc = new Document();
        doc.add(new StringField("id", "d" + d, Field.Store.NO));
        int kind = d % 8 == 1 ? d / 8 % 3 : (oneMore && d == 62 ? 0 : -1);
        if (kind != 0) {
          doc.add(new BinaryDocValuesField("item", new BytesRef(VectorCodec.encode(value(d, 0)))));
          doc.add(new NumericDocValuesField("tag", kind == 1 ? 9 : 7));
        }
        writer.addDocument(doc);
        if (kind == 2) {
          writer.deleteDocuments(new Term("id", "d" + d));
        }
      }
    }
    return DirectoryReader.open(dir);
  }

  private static boolean ofModel7(int d, boolean oneMore) {
    return d % 8 != 1 && !(oneMore && d == 62);
  }

  @Test
  void denseFromSevenEighthsOfTheSegmentWithTheSameValuesAsSparse() throws Exception {
    try (ByteBuffersDirectory denseDir = new ByteBuffersDirectory();
        ByteBuffersDirectory sparseDir = new ByteBuffersDirectory();
        DirectoryReader denseReader = segment(denseDir, false);
        DirectoryReader sparseReader = segment(sparseDir, true)) {
      LeafReader denseLeaf = denseReader.leaves().get(0).reader();
      LeafReader sparseLeaf = sparseReader.leaves().get(0).reader();
      float[] q = {0.75f, -2f};
      float[] a = {1, 2};
      float[] b = {0.5f, 0};
      for (CacheMode mode : new CacheMode[] {CacheMode.FLOAT, CacheMode.INT8}) {
        SlotFactors dense = SlotFactors.build(denseLeaf, "item", "tag", -1, -1, mode, 2);
        SlotFactors sparse = SlotFactors.build(sparseLeaf, "item", "tag", -1, -1, mode, 2);
        // 56 of 64 is 7/8: by doc id; 55 is below: row numbers.
        assertTrue(dense.dense(), mode.value());
        assertFalse(sparse.dense(), mode.value());
        assertEquals(56, dense.rows());
        assertEquals(55, sparse.rows());
        for (int d = 0; d < DOCS; d++) {
          assertEquals(ofModel7(d, false), dense.has(d), "dense doc " + d);
          assertEquals(ofModel7(d, true), sparse.has(d), "sparse doc " + d);
          if (!sparse.has(d)) {
            continue;
          }
          float[] v = value(d, 0);
          for (int i = 0; i < 2; i++) {
            assertEquals(Float.floatToRawIntBits(sparse.factor(d, i)), bits(dense.factor(d, i)));
            assertEquals(
                Float.floatToRawIntBits(sparse.density(d, 2, i)), bits(dense.density(d, 2, i)));
            if (mode == CacheMode.FLOAT) {
              assertEquals(Float.floatToRawIntBits(v[i]), bits(dense.factor(d, i)));
              assertEquals(Float.floatToRawIntBits(v[2 + i]), bits(dense.density(d, 2, i)));
            }
          }
          assertEquals(Float.floatToRawIntBits(sparse.dot(q, d)), bits(dense.dot(q, d)));
          double[] fromDense = new double[3];
          double[] fromSparse = new double[3];
          dense.shiftedExpSums(d, 2, a, b, fromDense);
          sparse.shiftedExpSums(d, 2, a, b, fromSparse);
          assertEquals(fromSparse[0], fromDense[0], 0);
          assertEquals(fromSparse[1], fromDense[1], 0);
          assertEquals(fromSparse[2], fromDense[2], 0);
        }
        // Row bytes: FLOAT 4 floats; INT8 2 factor bytes, the bfloat16 scale, the short top, 3
        // bytes of levels. Dense: 64 rows and one 64-bit word; sparse: 55 rows, 64 row numbers.
        int rowBytes = mode == CacheMode.FLOAT ? 4 * Float.BYTES : 2 + 2 + 2 + 3;
        assertEquals(DOCS * rowBytes + Long.BYTES, dense.bytes(), mode.value());
        assertEquals(55 * rowBytes + DOCS * Integer.BYTES, sparse.bytes(), mode.value());
      }
    }
  }

  /**
   * The rerank's run of float rows read in one loop ({@link SlotFactors#readFloatRows}) gives each
   * hit's own dot product and log-densities bit for bit, skips the hits without values and touches
   * nothing outside its run: a run of 50 hits (three batches of rows and a part) of a dense and a
   * sparse slot, global doc ids past a doc base of 1,000.
   */
  @Test
  void floatRowsOfARunAreEachHitsDotProductAndLogDensities() throws Exception {
    try (ByteBuffersDirectory denseDir = new ByteBuffersDirectory();
        ByteBuffersDirectory sparseDir = new ByteBuffersDirectory();
        DirectoryReader denseReader = segment(denseDir, false);
        DirectoryReader sparseReader = segment(sparseDir, true)) {
      float[] q = {0.75f, -2f};
      int base = 1_000;
      int[] docs = new int[DOCS - 4];
      for (int i = 0; i < docs.length; i++) {
        docs[i] = base + 2 + i; // leaf docs 2 .. 61
      }
      int from = 3;
      int to = from + 50;
      for (DirectoryReader reader : new DirectoryReader[] {denseReader, sparseReader}) {
        LeafReader leaf = reader.leaves().get(0).reader();
        SlotFactors slot = SlotFactors.build(leaf, "item", "tag", -1, -1, CacheMode.FLOAT, 0);
        int n = docs.length;
        double[] dots = new double[n];
        boolean[] has = new boolean[n];
        float[] columns = new float[2 * n];
        int missing = slot.readFloatRows(docs, base, from, to, q, 2, dots, has, columns, n);
        int expectedMissing = 0;
        for (int i = 0; i < n; i++) {
          int d = docs[i] - base;
          boolean inRun = i >= from && i < to;
          boolean read = inRun && slot.has(d);
          expectedMissing += inRun && !slot.has(d) ? 1 : 0;
          assertEquals(read, has[i], "has values, hit " + i);
          assertEquals(read ? (double) slot.dot(q, d) : 0.0, dots[i], 0.0, "dot, hit " + i);
          for (int k = 0; k < 2; k++) {
            assertEquals(
                read ? bits(slot.density(d, 2, k)) : 0, bits(columns[k * n + i]), "l_" + k);
          }
        }
        assertTrue(expectedMissing > 0, "the run holds documents without values");
        assertEquals(expectedMissing, missing);
      }
      SlotFactors int8 =
          SlotFactors.build(
              denseReader.leaves().get(0).reader(), "item", "tag", -1, -1, CacheMode.INT8, 2);
      assertThrows(
          IllegalStateException.class,
          () ->
              int8.readFloatRows(
                  docs, base, 0, 1, q, 2, new double[1], new boolean[1], new float[2], 1));
    }
  }

  private static int bits(float f) {
    return Float.floatToRawIntBits(f);
  }

  @Test
  void aNewReaderAfterAnInPlaceRewriteReadsTheNewModelFromADenseSlot() throws Exception {
    String item = ModelFields.itemField(ModelFields.SLOT_A);
    String model = ModelFields.itemModelField(ModelFields.SLOT_A);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      IndexWriterConfig config = new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        for (int d = 0; d < DOCS; d++) {
          Document doc = new Document();
          doc.add(new StringField("id", "d" + d, Field.Store.NO));
          doc.add(new BinaryDocValuesField(item, new BytesRef(VectorCodec.encode(value(d, 0)))));
          doc.add(new NumericDocValuesField(model, 7));
          writer.addDocument(doc);
        }
        writer.commit();
        try (DirectoryReader first = DirectoryReader.open(writer)) {
          ItemFactorCache.warm(first, field -> true, CacheMode.FLOAT, 0);
          LeafReader leaf = first.leaves().get(0).reader();
          SlotFactors before = ItemFactorCache.lookup(leaf, item, model, 7, 2, 2, null);
          assertNotNull(before);
          assertTrue(before.dense());
          assertEquals(DOCS, before.rows());
          // A publish rewrites the slot in place: model 8's values, but doc 5 left without.
          for (int d = 0; d < DOCS; d++) {
            if (d != 5) {
              writer.updateDocValues(
                  new Term("id", "d" + d),
                  new BinaryDocValuesField(item, new BytesRef(VectorCodec.encode(value(d, 1)))),
                  new NumericDocValuesField(model, 8));
            }
          }
          try (DirectoryReader second = DirectoryReader.open(writer)) {
            ItemFactorCache.warm(second, field -> true, CacheMode.FLOAT, 0);
            LeafReader next = second.leaves().get(0).reader();
            assertNull(ItemFactorCache.lookup(next, item, model, 7, 2, 2, null));
            SlotFactors after = ItemFactorCache.lookup(next, item, model, 8, 2, 2, null);
            assertNotNull(after);
            assertTrue(after.dense());
            assertEquals(DOCS - 1, after.rows());
            for (int d = 0; d < DOCS; d++) {
              assertEquals(d != 5, after.has(d), "doc " + d);
              float[] v = value(d, d == 5 ? 0 : 1);
              for (int i = 0; d != 5 && i < 2; i++) {
                assertEquals(bits(v[i]), bits(after.factor(d, i)));
                assertEquals(bits(v[2 + i]), bits(after.density(d, 2, i)));
              }
            }
            // The first reader still reads the old model from its own generation's values.
            assertEquals(bits(value(5, 0)[0]), bits(before.factor(5, 0)));
          }
        }
      }
    }
  }
}
