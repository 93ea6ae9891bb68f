package org.solrpersonalize.solr.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.common.SolrException;
import org.junit.jupiter.api.Test;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.math.LogSumExp;
import org.solrpersonalize.solr.cache.CacheMode;
import org.solrpersonalize.solr.cache.ItemFactorCache;

/**
 * The cluster sums of the rerank against double-precision log-sum-exps of the same values, read
 * from a slot value that holds the item's factors first.
 */
class ItemFactorReaderTest {
  private static final long TAG = 7;
  private static final float[] FACTORS = {1f, 2f, 3f};

  @Test
  void clusterSumsMatchDoublePrecisionLogSumExps() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    for (int clusters : new int[] {2, 16, 19}) {
      float[] logTheta = new float[clusters];
      float[] logPi = new float[clusters];
      for (int k = 0; k < clusters; k++) {
        logTheta[k] = (float) Math.log(0.01 + random.nextDouble());
        logPi[k] = (float) -Math.log(clusters);
      }
      float[][] densities = new float[50][clusters];
      for (float[] row : densities) {
        for (int k = 0; k < clusters; k++) {
          row[k] = (float) (-60 + 20 * random.nextDouble());
        }
      }
      densities[0][clusters - 1] = -900; // one cluster far below the rest
      check(densities, logTheta, logPi, 1e-6);
    }
  }

  @Test
  void sumsBelowFloatRangeAreComputedExactlyInLogSpace() throws Exception {
    // The user is almost surely in the cluster the item is far from: theta_0 = e^-92 < 1e-30 and
    // the item's other cluster is 200 nats down, so float exps lose both terms; log space keeps
    // them.
    float[] logTheta = {-92f, 0f};
    float[] logPi = {(float) Math.log(0.5), (float) Math.log(0.5)};
    check(new float[][] {{0f, -200f}, {-1f, -2f}}, logTheta, logPi, 1e-12);
  }

  /**
   * An int8 cache holds the log-densities as the item's largest one m and levels round((m - l_k) /
   * STEP), STEP = 1/16: the sums are m + log(sum_k w_k exp(-q_k / 16)), hand-computed here, within
   * STEP / 2 of the exact value; a sum that underflows is computed from docValues exactly.
   */
  @Test
  void int8CacheSumsAreWithinTheirBoundAndUnderflowsAreExact() throws Exception {
    float[][] densities = {
      // 16 ln 0.6 = -8.17 and 16 ln 0.3 = -19.26: levels 0, 8 and 19
      {-10f, (float) (-10 + Math.log(0.6)), (float) (-10 + Math.log(0.3))},
      {0f, -200f, -300f}, // levels 0, 255 (dropped), 255
    };
    String itemField = ModelFields.itemField(ModelFields.SLOT_A);
    String modelField = ModelFields.itemModelField(ModelFields.SLOT_A);
    try (Index index = new Index(densities, TAG, itemField, modelField)) {
      ItemFactorCache.warm(index.reader, field -> true, CacheMode.INT8, FACTORS.length);
      ItemFactorReader reader =
          new ItemFactorReader(index.leaf(), itemField, modelField, TAG, FACTORS.length, 3);
      assertTrue(reader.cached());
      float third = (float) Math.log(1.0 / 3);
      float[] logPi = {third, third, third};
      double[] out = new double[2];

      float[] logTheta = {(float) Math.log(0.5), (float) Math.log(0.25), (float) Math.log(0.25)};
      assertTrue(reader.advance(0));
      reader.logSumExpPair(ClusterWeights.of(logTheta, logPi), out);
      double p8 = Math.exp(-8 / 16.0);
      double p19 = Math.exp(-19 / 16.0);
      assertEquals(-10 + Math.log(0.5 + 0.25 * p8 + 0.25 * p19), out[0], 1e-6);
      assertEquals(-10 + Math.log((1 + p8 + p19) / 3), out[1], 1e-6);
      assertTrue(Math.abs(out[0] - exact(logTheta, densities[0])) <= 1 / 32.0);
      assertTrue(Math.abs(out[1] - exact(logPi, densities[0])) <= 1 / 32.0);

      // theta is e^-200 (0 as a float) wherever the item's level is kept: the levels' sum is 0,
      // the exact value -200 + log 2 comes from docValues.
      float[] farTheta = {-200f, 0f, -200f};
      assertTrue(reader.advance(1));
      reader.logSumExpPair(ClusterWeights.of(farTheta, logPi), out);
      assertEquals(exact(farTheta, densities[1]), out[0], 1e-12);
      assertEquals(-200 + Math.log(2), out[0], 1e-12);
      assertEquals(third, out[1], 1e-6);
    }
  }

  @Test
  void aDocumentOfAnotherModelHasNoValues() throws Exception {
    try (Index index = new Index(new float[][] {{1f, 2f}}, 8)) {
      ItemFactorReader reader = new ItemFactorReader(index.leaf(), "item", "tag", TAG, 3, 2);
      assertFalse(reader.advance(0));
      assertTrue(new ItemFactorReader(index.leaf(), "item", null, TAG, 3, 2).advance(0));
    }
  }

  @Test
  void factorsAndLogDensitiesComeFromTheirPartsOfTheValue() throws Exception {
    try (Index index = new Index(new float[][] {{-1f, -2f}}, TAG)) {
      ItemFactorReader reader = new ItemFactorReader(index.leaf(), "item", "tag", TAG, 3, 2);
      assertTrue(reader.advance(0));
      assertEquals(1f + 4f - 3f, reader.dot(new float[] {1f, 2f, -1f}), 0f);
      assertEquals(
          LogSumExp.of(new double[] {0 - 1, 0 - 2}, 0, 2),
          reader.logSumExp(new float[] {0f, 0f}),
          1e-12);
      float[] vectors = new float[4];
      float[] densities = new float[3];
      reader.copyInto(vectors, 1, densities, 1);
      assertArrayEquals(new float[] {0f, 1f, 2f, 3f}, vectors, 0f);
      assertArrayEquals(new float[] {0f, -1f, -2f}, densities, 0f);
      // A model of other dimensions than the stored value: a 400 that says what was found.
      ItemFactorReader wrong = new ItemFactorReader(index.leaf(), "item", "tag", TAG, 4, 2);
      assertTrue(wrong.advance(0));
      SolrException e = assertThrows(SolrException.class, () -> wrong.dot(new float[4]));
      assertEquals(400, e.code());
      assertEquals(
          "field item holds 5 floats but 6 were expected (4 factors, then 2 cluster"
              + " log-densities)",
          e.getMessage());
    }
  }

  /** theta within {@code thetaTolerance}; pi, always in float range here, within 1e-6. */
  private static void check(
      float[][] densities, float[] logTheta, float[] logPi, double thetaTolerance)
      throws Exception {
    try (Index index = new Index(densities, TAG)) {
      ItemFactorReader reader =
          new ItemFactorReader(index.leaf(), "item", "tag", TAG, FACTORS.length, logTheta.length);
      ClusterWeights weights = ClusterWeights.of(logTheta, logPi);
      double[] out = new double[2];
      for (int doc = 0; doc < densities.length; doc++) {
        assertTrue(reader.advance(doc));
        reader.logSumExpPair(weights, out);
        assertEquals(6f, reader.dot(new float[] {1f, 1f, 1f}), 0f, "dot, doc " + doc);
        assertEquals(exact(logTheta, densities[doc]), out[0], thetaTolerance, "theta, doc " + doc);
        assertEquals(exact(logPi, densities[doc]), out[1], 1e-6, "pi, doc " + doc);
      }
    }
  }

  private static double exact(float[] logWeights, float[] logDensities) {
    double[] terms = new double[logWeights.length];
    for (int k = 0; k < terms.length; k++) {
      terms[k] = (double) logWeights[k] + logDensities[k];
    }
    return LogSumExp.of(terms, 0, terms.length);
  }

  /** One segment: binary "item" (FACTORS, then a row) and numeric "tag" docValues per document. */
  private static final class Index implements AutoCloseable {
    private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    private final DirectoryReader reader;

    Index(float[][] rows, long tag) throws Exception {
      this(rows, tag, "item", "tag");
    }

    Index(float[][] rows, long tag, String itemField, String tagField) throws Exception {
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
        List<Document> docs = new java.util.ArrayList<>();
        for (float[] row : rows) {
          Document doc = new Document();
          doc.add(
              new BinaryDocValuesField(
                  itemField,
                  new BytesRef(
                      VectorCodec.encode(FACTORS, 0, FACTORS.length, row, 0, row.length))));
          doc.add(new NumericDocValuesField(tagField, tag));
          docs.add(doc);
        }
        writer.addDocuments(docs);
      }
      reader = DirectoryReader.open(dir);
    }

    LeafReader leaf() {
      return reader.leaves().get(0).reader();
    }

    @Override
    public void close() throws Exception {
      reader.close();
      dir.close();
    }
  }
}
