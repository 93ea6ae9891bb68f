package org.solrpersonalize.solr.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.SolrTestCaseJ4;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.core.SolrCore;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.solr.TestSolrHomes;
import org.solrpersonalize.solr.kernel.EncodedVectorKernels;
import org.solrpersonalize.solr.search.ItemFactorReader;

/**
 * The item-factor cache in real Solr cores of the project's catalog configset, one per mode ({@code
 * pz.cache=float}, {@code int8}, {@code off}) with the same documents over three segments and one
 * users store: cached values against the docValues they were read from, a publish into the other
 * slot, and the same scores from every function and the rerank with and without the cache.
 */
public class ItemFactorCacheTest extends SolrTestCaseJ4 {
  private static final int K = 8;
  private static final int CLUSTERS = 3;
  private static final int PRODUCTS = 60;
  private static final List<String> CATALOGS = List.of("catalog", "catalog_off", "catalog_int8");
  private static final List<String> USERS = List.of("u1", "u2", "u3", "u4");
  private static EmbeddedSolrServer users;

  @BeforeClass
  public static void beforeClass() throws Exception {
    System.setProperty("pz.mergePolicyFactory", "org.apache.solr.index.NoMergePolicyFactory");
    Path home = createTempDir("item-factor-cache");
    TestSolrHomes.create(home, "catalog", "catalog_off", "catalog_int8", "users");
    initCore("solrconfig.xml", "schema.xml", home.toString(), "catalog");
    // The mode is a core property, substituted into the listener's <str name="pz.cache">.
    h.getCoreContainer()
        .create("catalog_off", home.resolve("catalog_off"), Map.of("pz.cache", "off"), false);
    h.getCoreContainer()
        .create("catalog_int8", home.resolve("catalog_int8"), Map.of("pz.cache", "int8"), false);
    h.getCoreContainer().create("users", home.resolve("users"), Map.of(), false);
    users = new EmbeddedSolrServer(h.getCoreContainer(), "users");
    for (String core : CATALOGS) {
      try (EmbeddedSolrServer catalog = new EmbeddedSolrServer(h.getCoreContainer(), core)) {
        for (int segment = 0; segment < 3; segment++) {
          for (int p = segment * PRODUCTS / 3; p < (segment + 1) * PRODUCTS / 3; p++) {
            catalog.add(product(p));
          }
          catalog.commit();
        }
      }
    }
    publishProfiles("ca", "a", 11);
  }

  @AfterClass
  public static void afterClass() throws Exception {
    if (users != null) {
      users.close();
    }
    users = null;
  }

  /**
   * Product p: text, and model ca's values in slot a except every 7th (none) and every 11th (an
   * older model's values of another length).
   */
  private static SolrInputDocument product(int p) {
    SolrInputDocument doc =
        new SolrInputDocument("id", "p" + p, "title", "shoe " + p, "category", "Shoes");
    if (p % 7 == 3) {
      return doc;
    }
    if (p % 11 == 5) {
      doc.setField("pz_item_a", VectorCodec.encode(new float[] {9, 9, 9}));
      doc.setField("pz_model_a", ModelFields.modelTag("c0"));
      return doc;
    }
    doc.setField("pz_item_a", itemValue(p, 1));
    doc.setField("pz_model_a", ModelFields.modelTag("ca"));
    return doc;
  }

  /** Seeded factors (some large, some tiny) and log-densities of product p. */
  private static byte[] itemValue(int p, long seed) {
    SplittableRandom random = new SplittableRandom(seed * 1000 + p);
    float[] value = new float[K + CLUSTERS];
    double magnitude = p % 5 == 0 ? 30 : p % 5 == 1 ? 1e-3 : 1;
    for (int i = 0; i < K; i++) {
      value[i] = (float) ((random.nextDouble() * 2 - 1) * magnitude);
    }
    for (int k = 0; k < CLUSTERS; k++) {
      value[K + k] = (float) (-80 + 70 * random.nextDouble());
    }
    return VectorCodec.encode(value);
  }

  /** The model document, profiles of {@link #USERS} and the pointer, as a publish leaves them. */
  private static void publishProfiles(String modelId, String slot, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    float[] logWeights = new float[CLUSTERS];
    for (int k = 0; k < CLUSTERS; k++) {
      logWeights[k] = (float) Math.log(1.0 / CLUSTERS);
    }
    float[] gram = new float[K * K];
    for (int i = 0; i < K; i++) {
      gram[i * K + i] = 1;
    }
    List<SolrInputDocument> docs = new ArrayList<>();
    docs.add(
        document(
            new UsersStoreDocuments.PublishedModel(
                    modelId,
                    slot,
                    K,
                    CLUSTERS,
                    logWeights,
                    gram,
                    new ModelManifest.FoldIn(0.1, 10.0),
                    1,
                    null,
                    null)
                .toFields("id")));
    for (String user : USERS) {
      float[] vector = new float[K];
      for (int i = 0; i < K; i++) {
        vector[i] = (float) (random.nextDouble() * 2 - 1);
      }
      float[] logTheta = new float[CLUSTERS];
      for (int k = 0; k < CLUSTERS; k++) {
        logTheta[k] = (float) Math.log(0.05 + random.nextDouble());
      }
      docs.add(
          document(
              new UsersStoreDocuments.Profile(modelId, user, vector, logTheta).toFields("id")));
    }
    docs.add(document(new UsersStoreDocuments.Pointer(modelId, slot).toFields("id")));
    users.add(docs);
    users.commit();
  }

  private static SolrInputDocument document(Map<String, Object> fields) {
    SolrInputDocument doc = new SolrInputDocument();
    fields.forEach(doc::setField);
    return doc;
  }

  private static QueryResponse query(String core, String... params) throws Exception {
    SolrQuery q = new SolrQuery();
    for (int i = 0; i < params.length; i += 2) {
      q.set(params[i], params[i + 1]);
    }
    try (EmbeddedSolrServer server = new EmbeddedSolrServer(h.getCoreContainer(), core)) {
      return server.query(q);
    }
  }

  /** Runs {@code check} on every segment of the core's current searcher. */
  /** The weights of the shifted exponential sums checked. */
  private static final float[] A = {0.2f, 0.3f, 0.5f};

  private static final float[] B = {0.6f, 0.1f, 0.3f};

  private static void eachLeaf(String core, LeafCheck check) throws Exception {
    try (SolrCore solrCore = h.getCoreContainer().getCore(core)) {
      solrCore.withSearcher(
          s -> {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
              check.accept(leaf.reader());
            }
            return null;
          });
    }
  }

  private interface LeafCheck {
    void accept(LeafReader leaf) throws IOException;
  }

  private interface RowCheck {
    void accept(SlotFactors slot, int doc, BytesRef value) throws IOException;
  }

  /**
   * Runs {@code check} on every document of {@code core} with a value of slot a for model ca, after
   * checking that each segment's cache has exactly those documents; returns how many documents had
   * a value and how many had none.
   */
  private static List<Integer> eachCachedRow(String core, RowCheck check) throws Exception {
    int[] counts = new int[2];
    eachLeaf(
        core,
        leaf -> {
          SlotFactors slot = cached(leaf, "a", "ca");
          assertNotNull("slot a of model ca is cached in every segment", slot);
          BytesRef[] values = docValues(leaf, "a", "ca");
          for (int doc = 0; doc < leaf.maxDoc(); doc++) {
            BytesRef v = values[doc];
            assertEquals("doc " + doc, v != null, slot.has(doc));
            if (v == null) {
              counts[1]++;
            } else {
              counts[0]++;
              check.accept(slot, doc, v);
            }
          }
        });
    return List.of(counts[0], counts[1]);
  }

  private static SlotFactors cached(LeafReader leaf, String slot, String model) {
    return ItemFactorCache.lookup(
        leaf,
        ModelFields.itemField(slot),
        ModelFields.itemModelField(slot),
        ModelFields.modelTag(model),
        K,
        CLUSTERS,
        null);
  }

  /**
   * The docValues of one segment's slot for a model: the value bytes of each document carrying the
   * model's tag, null for the others.
   */
  private static BytesRef[] docValues(LeafReader leaf, String slot, String model)
      throws IOException {
    BytesRef[] out = new BytesRef[leaf.maxDoc()];
    BinaryDocValues values = leaf.getBinaryDocValues(ModelFields.itemField(slot));
    NumericDocValues tags = leaf.getNumericDocValues(ModelFields.itemModelField(slot));
    for (int doc = 0; doc < leaf.maxDoc(); doc++) {
      if (tags != null
          && tags.advanceExact(doc)
          && tags.longValue() == ModelFields.modelTag(model)
          && values.advanceExact(doc)) {
        out[doc] = BytesRef.deepCopyOf(values.binaryValue());
      }
    }
    return out;
  }

  private static float[] query(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] q = new float[K];
    for (int i = 0; i < K; i++) {
      q[i] = (float) (random.nextDouble() * 4 - 2);
    }
    return q;
  }

  @Test
  public void floatCacheHoldsTheDocValuesFloatsBitForBit() throws Exception {
    float[] q = query(3);
    List<Integer> checked =
        eachCachedRow(
            "catalog",
            (slot, doc, v) -> {
              for (int i = 0; i < K; i++) {
                assertEquals(
                    Float.floatToRawIntBits(VectorCodec.get(v.bytes, v.offset, i)),
                    Float.floatToRawIntBits(slot.factor(doc, i)));
              }
              for (int k = 0; k < CLUSTERS; k++) {
                assertEquals(
                    Float.floatToRawIntBits(VectorCodec.get(v.bytes, v.offset, K + k)),
                    Float.floatToRawIntBits(slot.density(doc, K, k)));
              }
              assertEquals(
                  Float.floatToRawIntBits(EncodedVectorKernels.dot(q, v.bytes, v.offset)),
                  Float.floatToRawIntBits(slot.dot(q, doc)));
              double[] fromDocValues = new double[3];
              double[] fromCache = new double[3];
              EncodedVectorKernels.shiftedExpSums(
                  v.bytes, v.offset + K * Float.BYTES, A, B, fromDocValues);
              slot.shiftedExpSums(doc, K, A, B, fromCache);
              assertArrayEquals(fromDocValues, fromCache, 0.0);
            });
    // 60 products: 9 without values (p % 7 == 3), 5 of the older model (p % 11 == 5, one of them
    // also p % 7 == 3: p38... none; 5, 16, 27, 49 and 60 is not a product), 47 of model ca.
    assertEquals(List.of(47, 13), checked);
    eachLeaf("catalog", leaf -> assertNull("no model cb", cached(leaf, "a", "cb")));
  }

  @Test
  public void int8CacheIsWithinTheQuantizationBounds() throws Exception {
    // int8 quantizes for the k of the model served: the first request queues the build.
    // A function in fl over every document, which Solr's embedded server computes after the
    // request's own context: each segment queues its build when first asked.
    query("catalog_int8", "q", "*:*", "fl", "id,userdot(u1)", "rows", "100");
    long deadline = System.nanoTime() + 30_000_000_000L;
    boolean[] built = {false};
    while (!built[0] && System.nanoTime() < deadline) {
      built[0] = true;
      eachLeaf("catalog_int8", leaf -> built[0] &= cached(leaf, "a", "ca") != null);
      if (!built[0]) {
        Thread.sleep(20);
      }
    }
    assertTrue("the int8 build queued by the first request ended", built[0]);
    float[] q = query(4);
    eachCachedRow(
        "catalog_int8",
        (slot, doc, v) -> {
          float maxAbs = 0;
          double boundOfDot = 0;
          for (int i = 0; i < K; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(VectorCodec.get(v.bytes, v.offset, i)));
          }
          // The scale: max |v_i| / 127 rounded up to a bfloat16 (a float's top 16 bits), under
          // 2^-7 above it; each factor is scale * round(v_i / scale).
          float scale =
              Float.intBitsToFloat((Float.floatToIntBits(maxAbs / 127f) + 0xFFFF) & 0xFFFF0000);
          assertTrue("scale of doc " + doc, scale <= maxAbs / 127f * (1 + 1 / 128.0));
          float halfStep = scale / 2f;
          double exact = 0;
          for (int i = 0; i < K; i++) {
            float f = VectorCodec.get(v.bytes, v.offset, i);
            assertTrue(
                "factor " + i + " of doc " + doc,
                Math.abs(slot.factor(doc, i) - f) <= halfStep * (1 + 1e-6));
            assertEquals(scale * Math.round(f / scale), slot.factor(doc, i), 0f);
            exact += (double) q[i] * f;
            boundOfDot += Math.abs(q[i]) * halfStep;
          }
          assertEquals(exact, slot.dot(q, doc), boundOfDot + 1e-5 * Math.abs(exact));
          // The log-densities l as the top m' = ceil(4 m) / 4 (m = max_k l_k) and levels
          // round((m' - l_k) * 4): each kept one within half a level (1/8 nat), those over 62.5
          // levels below m' dropped; a sum within log(exp(1/8) + 1/64) nats, or 0 (computed
          // from docValues by the reader) when its dropped terms could be more than 1/64 of it.
          float m = Float.NEGATIVE_INFINITY;
          for (int k = 0; k < CLUSTERS; k++) {
            m = Math.max(m, VectorCodec.get(v.bytes, v.offset, K + k));
          }
          double top = Math.ceil(m * 4) / 4;
          double halfLevel = 1 / 8.0;
          double exactA = 0;
          double exactB = 0;
          double droppedA = 0;
          double droppedB = 0;
          for (int k = 0; k < CLUSTERS; k++) {
            float l = VectorCodec.get(v.bytes, v.offset, K + k);
            float cachedL = slot.density(doc, K, k);
            if (top - l >= 62.5 / 4) {
              assertEquals(Float.NEGATIVE_INFINITY, cachedL, 0f);
              droppedA += A[k] * Math.exp(-62.5 / 4);
              droppedB += B[k] * Math.exp(-62.5 / 4);
            } else {
              assertEquals("cluster " + k + " of doc " + doc, l, cachedL, halfLevel + 1e-5);
            }
            exactA += A[k] * Math.exp(l - top);
            exactB += B[k] * Math.exp(l - top);
          }
          double[] fromCache = new double[3];
          slot.shiftedExpSums(doc, K, A, B, fromCache);
          assertEquals(top, fromCache[0], 0.0);
          checkLevelSum(exactA, fromCache[1], droppedA, "theta-like sum of doc " + doc);
          checkLevelSum(exactB, fromCache[2], droppedB, "pi-like sum of doc " + doc);
        });
    long[] bytes = new long[2];
    eachLeaf("catalog_int8", leaf -> bytes[0] += cached(leaf, "a", "ca").bytes());
    eachLeaf("catalog", leaf -> bytes[1] += cached(leaf, "a", "ca").bytes());
    // Per document of model ca: float 4 (k + K) = 44 bytes; int8 k + 2 + 2 + 3 ceil(K / 4) = 15
    // (factors, their bfloat16 scale, the short top and 3 bytes of 6-bit cluster levels); the
    // row numbers (4 bytes per document) are alike.
    assertEquals(47 * (44L - 15L), bytes[1] - bytes[0]);
  }

  /**
   * A sum from the levels: within a factor exp(1/8) of its kept terms, plus its dropped ones; or 0
   * exactly when their bound is over 1/64 of it.
   */
  private static void checkLevelSum(double exact, double cached, double droppedBound, String what) {
    if (cached == 0) {
      assertTrue(what + " given up only for its dropped terms", droppedBound > exact / 64 / 1.2);
      return;
    }
    assertTrue(what + " dropped terms within 1/64 of it", droppedBound <= cached / 64 * 1.001);
    assertEquals(what, 0, Math.log(cached / exact), Math.log(Math.exp(1 / 8.0) + 1 / 64.0) + 1e-6);
  }

  @Test
  public void offReadsDocValuesAndTheDebugSectionSaysWhatIsCached() throws Exception {
    eachLeaf(
        "catalog_off",
        leaf -> {
          assertNull(cached(leaf, "a", "ca"));
          assertFalse(
              new ItemFactorReader(
                      leaf, "pz_item_a", "pz_model_a", ModelFields.modelTag("ca"), K, CLUSTERS)
                  .cached());
        });
    eachLeaf(
        "catalog",
        leaf ->
            assertTrue(
                new ItemFactorReader(
                        leaf, "pz_item_a", "pz_model_a", ModelFields.modelTag("ca"), K, CLUSTERS)
                    .cached()));
    NamedList<?> off = itemCache("catalog_off");
    assertEquals("off", off.get("mode"));
    assertEquals(0L, off.get("bytes"));
    assertEquals(0L, off.get("rows"));
    assertEquals(3, off.get("segments"));
    assertEquals(0, off.get("segmentsCached"));
    NamedList<?> on = itemCache("catalog");
    assertEquals("float", on.get("mode"));
    assertEquals(3, on.get("segments"));
    assertEquals(3, on.get("segmentsCached"));
    // A row per document with values of each slot's model: 47 of ca in slot a, and in slot b 60
    // of cb once the publish test wrote it.
    boolean[] slotB = {false};
    eachLeaf("catalog", leaf -> slotB[0] |= leaf.getBinaryDocValues("pz_item_b") != null);
    assertEquals(47L + (slotB[0] ? 60L : 0L), on.get("rows"));
    long[] bytes = {0};
    try (SolrCore core = h.getCoreContainer().getCore("catalog")) {
      bytes[0] = core.withSearcher(s -> ItemFactorCache.bytes(s.getIndexReader()));
    }
    assertEquals(bytes[0], on.get("bytes"));
    assertTrue(bytes[0] >= 47 * 44L + PRODUCTS * 4L);
  }

  @Test
  public void slotsWithTheModelOnSevenEighthsOfTheDocumentsAreDense() throws Exception {
    // Slot a: 15 or 16 of each segment's 20 products carry ca (p % 7 == 3 have no values, p % 11
    // == 5 an older model's), under 7/8 = 17.5: row numbers. Slot b, once the publish test wrote
    // it: all 20 carry cb, a row per doc id.
    int[] slotB = {0};
    eachLeaf(
        "catalog",
        leaf -> {
          assertFalse(cached(leaf, "a", "ca").dense());
          SlotFactors b = cached(leaf, "b", "cb");
          if (b != null) {
            assertTrue(b.dense());
            assertEquals(20, b.rows());
            slotB[0]++;
          }
        });
    NamedList<?> on = itemCache("catalog");
    assertEquals(3 + slotB[0], on.get("slots"));
    assertEquals(slotB[0], on.get("denseSlots"));
  }

  private static NamedList<?> itemCache(String core) throws Exception {
    QueryResponse rsp =
        query(core, "q", "shoe", "rq", "{!personalize user=u1}", "debugQuery", "true");
    NamedList<?> section = (NamedList<?>) rsp.getResponse().get("personalization");
    return (NamedList<?>) section.get("itemCache");
  }

  @Test
  public void theRerankAndEveryFunctionScoreTheSameWithAndWithoutTheCache() throws Exception {
    assertSameScores();
  }

  /** Float cache and docValues: the same ids in the same order with the same float scores. */
  private static void assertSameScores() throws Exception {
    String vector = "1,-2,0.5,0.25,-1,3,0,0.125";
    for (String user : USERS) {
      List<String[]> requests =
          List.of(
              new String[] {"q", "shoe", "rq", "{!personalize user=" + user + "}"},
              new String[] {
                "q", "shoe", "rq", "{!personalize user=" + user + " clusterWeight=0 norm=none}"
              },
              new String[] {"q", "shoe", "rq", "{!personalize items=p1,p2,p4}"},
              new String[] {"q", "*:*", "sort", "userdot(" + user + ") desc, id asc"},
              new String[] {"q", "{!func}clusterll(" + user + ")", "defType", "lucene"},
              new String[] {"q", "*:*", "sort", "dotp(pz_vec," + vector + ") desc, id asc"});
      for (String[] request : requests) {
        String[] params = new String[request.length + 4];
        System.arraycopy(request, 0, params, 0, request.length);
        params[request.length] = "fl";
        params[request.length + 1] =
            "id,score,u:userdot("
                + user
                + "),c:clusterll("
                + user
                + "),d:dotp(pz_vec,"
                + vector
                + ")";
        params[request.length + 2] = "rows";
        params[request.length + 3] = "100";
        List<String> cached = rows(query("catalog", params));
        List<String> docValues = rows(query("catalog_off", params));
        assertEquals(String.join(" ", request), docValues, cached);
        assertEquals(PRODUCTS, cached.size());
      }
    }
  }

  /** Each result as id and the raw bits of its floats. */
  private static List<String> rows(QueryResponse rsp) {
    List<String> out = new ArrayList<>();
    for (SolrDocument d : rsp.getResults()) {
      StringBuilder row = new StringBuilder(String.valueOf(d.getFieldValue("id")));
      for (String f : List.of("score", "u", "c", "d")) {
        Object v = d.getFieldValue(f);
        row.append(' ').append(f).append('=');
        row.append(v instanceof Float x ? Integer.toHexString(Float.floatToRawIntBits(x)) : v);
      }
      out.add(row.toString());
    }
    return out;
  }

  @Test
  public void aNewSearcherAfterAPublishServesTheNewModelFromTheCache() throws Exception {
    List<SlotFactors> slotA = new ArrayList<>();
    eachLeaf("catalog", leaf -> slotA.add(cached(leaf, "a", "ca")));
    for (String core : List.of("catalog", "catalog_off")) {
      try (EmbeddedSolrServer catalog = new EmbeddedSolrServer(h.getCoreContainer(), core)) {
        for (int p = 0; p < PRODUCTS; p++) {
          // In place, as publish writes the idle slot: the segments stay, slot b's values change.
          SolrInputDocument doc = new SolrInputDocument("id", "p" + p);
          doc.setField("pz_item_b", Map.of("set", itemValue(p, 2)));
          doc.setField("pz_model_b", Map.of("set", ModelFields.modelTag("cb")));
          catalog.add(doc);
        }
        catalog.commit();
      }
    }
    List<SlotFactors> slotAAfter = new ArrayList<>();
    eachLeaf(
        "catalog",
        leaf -> {
          slotAAfter.add(cached(leaf, "a", "ca"));
          SlotFactors slot = cached(leaf, "b", "cb");
          assertNotNull("the new model's slot is cached by the new searcher", slot);
          BytesRef[] values = docValues(leaf, "b", "cb");
          for (int doc = 0; doc < leaf.maxDoc(); doc++) {
            BytesRef v = values[doc];
            assertEquals(v != null, slot.has(doc));
            for (int i = 0; v != null && i < K + CLUSTERS; i++) {
              float cachedValue = i < K ? slot.factor(doc, i) : slot.density(doc, K, i - K);
              assertEquals(
                  Float.floatToRawIntBits(VectorCodec.get(v.bytes, v.offset, i)),
                  Float.floatToRawIntBits(cachedValue));
            }
          }
        });
    assertEquals(3, slotAAfter.size());
    for (int i = 0; i < slotA.size(); i++) {
      assertSame("slot a was not rewritten: its cache is reused", slotA.get(i), slotAAfter.get(i));
    }
    publishProfiles("cb", "b", 12);
    try {
      assertEquals("b", itemCache("catalog") == null ? null : slotOfActiveModel());
      assertSameScores();
    } finally {
      publishProfiles("ca", "a", 11);
    }
  }

  private static String slotOfActiveModel() throws Exception {
    QueryResponse rsp = query("catalog", "q", "shoe", "rq", "{!personalize user=u1}");
    return (String) ((NamedList<?>) rsp.getResponse().get("personalization")).get("slot");
  }
}
