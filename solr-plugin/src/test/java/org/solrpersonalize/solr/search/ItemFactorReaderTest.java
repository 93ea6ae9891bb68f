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
   * An int8 cache holds the log-densities as the top m' = ceil(4 m) / 4 (m the item's largest one)
   * and levels q_k = round(4 (m' - l_k)), 63 for those 15.6 nats or more below: the sums are m' +
   * log(sum_k w_k exp(-q_k / 4)), hand-computed here, within log(exp(1/8) + 1/64) of the exact
   * value; a sum that underflows, or whose dropped terms could be over 1/64 of it, is computed from
   * docValues exactly.
   */
  @Test
  void int8CacheSumsAreWithinTheirBoundAndTheRestAreExact() throws Exception {
    float[][] densities = {
      // m = -9.8, m' = ceil(-39.2) / 4 = -9.75; levels below
      {-9.8f, (float) (-9.8 + Math.log(0.6)), (float) (-9.8 + Math.log(0.3))},
      {0f, -200f, -300f}, // levels 0, 63 (dropped), 63
      {0f, -20f, -1f}, // levels 0, 63 (80 levels down), 4
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
      double bound = Math.log(Math.exp(1 / 8.0) + 1 / 64.0);

      float[] logTheta = {(float) Math.log(0.5), (float) Math.log(0.25), (float) Math.log(0.25)};
      assertTrue(reader.advance(0));
      reader.logSumExpPair(ClusterWeights.of(logTheta, logPi), out);
      assertLiftIsThePairsDifference(reader, ClusterWeights.of(logTheta, logPi), out);
      // -9.75 - (-9.8 + ln 0.6) = 0.5608 nats: 2.24 levels, 2; -9.75 - (-9.8 + ln 0.3) = 1.254
      // nats: 5.02 levels, 5; -9.75 - (-9.8) = 0.05 nats: 0.2 levels, 0.
      double p2 = Math.exp(-2 / 4.0);
      double p5 = Math.exp(-5 / 4.0);
      assertEquals(-9.75 + Math.log(0.5 + 0.25 * p2 + 0.25 * p5), out[0], 1e-6);
      assertEquals(-9.75 + Math.log((1 + p2 + p5) / 3), out[1], 1e-6);
      assertEquals(exact(logTheta, densities[0]), out[0], bound);
      assertEquals(exact(logPi, densities[0]), out[1], bound);

      // theta is e^-200 (0 as a float) wherever the item's level is kept: the levels' sum is 0,
      // the exact value -200 + log 2 comes from docValues.
      float[] farTheta = {-200f, 0f, -200f};
      assertTrue(reader.advance(1));
      reader.logSumExpPair(ClusterWeights.of(farTheta, logPi), out);
      assertLiftIsThePairsDifference(reader, ClusterWeights.of(farTheta, logPi), out);
      assertEquals(exact(farTheta, densities[1]), out[0], 1e-12);
      assertEquals(-200 + Math.log(2), out[0], 1e-12);
      assertEquals(third, out[1], 1e-6);

      // Cluster 1 is dropped, its term under e^-15.625 w_1 = 1.64e-7: next to the kept terms'
      // e^-10 + e^-8 e^-1 = 1.69e-4 it is under 1/64, and the levels' sum is used: -10 + log(1 +
      // e), 1.2e-5 from the exact value (the dropped e^-20 over 1.69e-4).
      float[] nearTheta = {-10f, 0f, -8f};
      assertTrue(reader.advance(2));
      reader.logSumExpPair(ClusterWeights.of(nearTheta, logPi), out);
      assertLiftIsThePairsDifference(reader, ClusterWeights.of(nearTheta, logPi), out);
      assertEquals(-10 + Math.log(1 + Math.E), out[0], 1e-6);
      assertEquals(exact(nearTheta, densities[2]), out[0], 1.3e-5);
      // The single sum (clusterll, a rerank without mixture weights) follows the same rule.
      assertEquals(-10 + Math.log(1 + Math.E), reader.logSumExp(nearTheta), 1e-6);
      // With e^-14 on the cluster at 0 and e^-14 on the one at -1, the dropped term's bound is
      // 1.64e-7 against a kept e^-14 (1 + e^-1) = 1.13e-6: over 1/64 of it, so the sum is read
      // from docValues: log(e^-14 + e^-20 + e^-15), exactly.
      float[] farFromKept = {-14f, 0f, -14f};
      reader.logSumExpPair(ClusterWeights.of(farFromKept, logPi), out);
      assertLiftIsThePairsDifference(reader, ClusterWeights.of(farFromKept, logPi), out);
      assertEquals(exact(farFromKept, densities[2]), out[0], 1e-12);
      assertEquals(-14 + Math.log(1 + Math.exp(-6) + Math.exp(-1)), out[0], 1e-12);
      assertEquals(exact(farFromKept, densities[2]), reader.logSumExp(farFromKept), 1e-12);
      assertTrue(reader.advance(0));
      assertEquals(-9.75 + Math.log(0.5 + 0.25 * p2 + 0.25 * p5), reader.logSumExp(logTheta), 1e-6);
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

  /**
   * A window's lifts computed together after its walk ({@link WindowClusterLifts}) are each hit's
   * {@code clusterLift}, subtrahends included: from docValues and from a float cache, for windows
   * that are not a whole number of SIMD registers, with rows whose sums leave float range and a row
   * of impossible clusters only; an int8 cache's hits are left to the walk.
   */
  @Test
  void liftsComputedTogetherAreEachHitsLift() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    for (int clusters : new int[] {3, 16, 19, 35}) {
      float[] logTheta = new float[clusters];
      float[] logPi = new float[clusters];
      for (int k = 0; k < clusters; k++) {
        logTheta[k] = (float) Math.log(0.01 + random.nextDouble());
        logPi[k] = (float) -Math.log(clusters);
      }
      logTheta[0] = -92f; // under 1e-30: float exps lose it where cluster 0 is the item's own
      float[][] densities = new float[37][clusters];
      for (int r = 0; r < densities.length; r++) {
        for (int k = 0; k < clusters; k++) {
          densities[r][k] = (float) (-60 + 20 * random.nextDouble());
        }
      }
      java.util.Arrays.fill(densities[3], -250f);
      densities[3][0] = 0f; // only cluster 0 counts: theta's sum underflows, computed exactly
      java.util.Arrays.fill(densities[5], Float.NEGATIVE_INFINITY); // every cluster impossible
      ClusterWeights weights = ClusterWeights.of(logTheta, logPi);
      String itemField = ModelFields.itemField(ModelFields.SLOT_A);
      String modelField = ModelFields.itemModelField(ModelFields.SLOT_A);
      for (CacheMode mode : new CacheMode[] {null, CacheMode.FLOAT, CacheMode.INT8}) {
        try (Index index = new Index(densities, TAG, itemField, modelField)) {
          if (mode != null) {
            ItemFactorCache.warm(index.reader, field -> true, mode, FACTORS.length);
          }
          ItemFactorReader reader =
              new ItemFactorReader(
                  index.leaf(), itemField, modelField, TAG, FACTORS.length, clusters);
          assertEquals(mode != null, reader.cached());
          int n = densities.length;
          WindowClusterLifts lifts = new WindowClusterLifts(n, clusters);
          double[] together = new double[n];
          double[] togetherMarginal = new double[n];
          double[] alone = new double[n];
          double[] aloneMarginal = new double[n];
          for (int doc = 0; doc < n; doc++) {
            assertTrue(reader.advance(doc));
            boolean copied = lifts.copy(reader, doc);
            assertEquals(mode != CacheMode.INT8, copied, "copied, " + mode);
            alone[doc] = reader.clusterLift(weights, aloneMarginal, doc);
          }
          lifts.liftsInto(weights, together, togetherMarginal);
          if (mode == CacheMode.INT8) {
            assertArrayEquals(new double[n], together, 0.0, "int8 hits are lifted in the walk");
            continue;
          }
          for (int doc = 0; doc < n; doc++) {
            String where = mode + ", " + clusters + " clusters, doc " + doc;
            assertEquals(alone[doc], together[doc], 1e-9, where);
            assertEquals(aloneMarginal[doc], togetherMarginal[doc], 1e-9, where);
          }
          // theta's sum exactly in log space; pi's in float, within 1e-6 as above.
          assertEquals(
              exact(logTheta, densities[3]) - exact(logPi, densities[3]), together[3], 1e-6);
        }
      }
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
        assertLiftIsThePairsDifference(reader, weights, out);
      }
    }
  }

  /**
   * The rerank's {@code clusterLift} (one log of the ratio where the shifted sums keep precision)
   * is {@code logSumExpPair}'s difference {@code pair[0] - pair[1]}, and gives its subtrahend when
   * asked.
   */
  private static void assertLiftIsThePairsDifference(
      ItemFactorReader reader, ClusterWeights weights, double[] pair) throws Exception {
    double[] marginal = new double[1];
    assertEquals(pair[0] - pair[1], reader.clusterLift(weights, marginal, 0), 1e-12);
    assertEquals(pair[1], marginal[0], 0);
    assertEquals(pair[0] - pair[1], reader.clusterLift(weights, null, 0), 1e-12);
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
