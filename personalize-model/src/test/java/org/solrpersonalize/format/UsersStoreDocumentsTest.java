package org.solrpersonalize.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.solrpersonalize.format.UsersStoreDocuments.Pointer;
import org.solrpersonalize.format.UsersStoreDocuments.Profile;
import org.solrpersonalize.format.UsersStoreDocuments.Publication;
import org.solrpersonalize.format.UsersStoreDocuments.PublishedModel;
import org.solrpersonalize.format.UsersStoreDocuments.SlotModel;

class UsersStoreDocumentsTest {
  private static final float[] LOG_WEIGHTS = {-0.5f, -1.25f};
  private static final float[] GRAM = {3, 0.5f, 0.5f, 2.25f};

  private static PublishedModel model() {
    return model(null);
  }

  /** Model m1 in slot b, k = K = 2, published as {@code publication} (null: no record). */
  private static PublishedModel model(Publication publication) {
    return new PublishedModel(
        "m1",
        "b",
        2,
        2,
        LOG_WEIGHTS,
        GRAM,
        new ModelManifest.FoldIn(0.1, 10.0),
        1,
        "2026-11-22T15:30:12Z",
        publication);
  }

  /** What {@code read} throws, which must be a {@link MalformedUsersStoreDocumentException}. */
  private static MalformedUsersStoreDocumentException malformed(Executable read) {
    return assertThrows(MalformedUsersStoreDocumentException.class, read);
  }

  @Test
  void thePointerRoundTrips() {
    Map<String, Object> fields = new Pointer("m1", "b").toFields("id");
    assertEquals(
        Map.of("id", "_pz_active_", "pz_type", "active", "pz_model", "m1", "pz_slot", "b"), fields);
    assertEquals(List.of("id", "pz_type", "pz_model", "pz_slot"), List.copyOf(fields.keySet()));
    assertEquals(new Pointer("m1", "b"), Pointer.read(fields::get));
  }

  @Test
  void aPointerWithCandidateAndPreviousRoundTrips() {
    Pointer pointer = new Pointer("m2", "a", new SlotModel("m3", "b"), new SlotModel("m1", "b"));
    Map<String, Object> fields = pointer.toFields("id");
    assertEquals(
        List.of(
            "id",
            "pz_type",
            "pz_model",
            "pz_slot",
            "pz_candidate_model_s",
            "pz_candidate_slot_s",
            "pz_previous_model_s",
            "pz_previous_slot_s"),
        List.copyOf(fields.keySet()));
    assertEquals(pointer, Pointer.read(fields::get));
    assertEquals(Optional.of(new SlotModel("m3", "b")), pointer.candidateModel());
    assertEquals(new SlotModel("m2", "a"), pointer.active());
  }

  @Test
  void aPointerWhoseCandidateSharesTheActiveSlotIsNamed() {
    Map<String, Object> fields = new Pointer("m2", "a").toFields("id");
    fields.put("pz_candidate_model_s", "m3");
    fields.put("pz_candidate_slot_s", "a");
    MalformedUsersStoreDocumentException e = malformed(() -> Pointer.read(fields::get));
    assertEquals(
        "users store document '_pz_active_', field pz_candidate_slot_s: names the active model's"
            + " slot 'a'",
        e.getMessage());
    fields.remove("pz_candidate_slot_s");
    e = malformed(() -> Pointer.read(fields::get));
    assertEquals(
        "users store document '_pz_active_', field pz_candidate_slot_s: missing", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Pointer("m2", "a", null, new SlotModel("m1", "a")));
  }

  @Test
  void theModelDocumentRoundTripsUnderAnyUniqueKey() {
    Map<String, Object> fields = model().toFields("sku");
    assertEquals(
        List.of(
            "sku",
            "pz_type",
            "pz_model",
            "pz_slot",
            "pz_k",
            "pz_clusters",
            "pz_gmm_logw",
            "pz_yty",
            "pz_lambda",
            "pz_alpha",
            "pz_format",
            "pz_created_s"),
        List.copyOf(fields.keySet()));
    assertEquals("_pz_model_/m1", fields.get("sku"));
    assertEquals("model", fields.get("pz_type"));
    assertEquals(2, fields.get("pz_k"));
    assertEquals(0.1, fields.get("pz_lambda"));
    assertEquals(10.0, fields.get("pz_alpha"));
    // Little-endian float32: -0.5 is 0xBF000000, -1.25 is 0xBFA00000.
    assertArrayEquals(
        new byte[] {0, 0, 0, (byte) 0xBF, 0, 0, (byte) 0xA0, (byte) 0xBF},
        (byte[]) fields.get("pz_gmm_logw"));

    PublishedModel read = PublishedModel.read("m1", fields::get);
    assertEquals("m1", read.modelId());
    assertEquals("b", read.slot());
    assertEquals(2, read.factors());
    assertEquals(2, read.clusters());
    assertArrayEquals(LOG_WEIGHTS, read.logWeights());
    assertArrayEquals(GRAM, read.gram());
    assertEquals(new ModelManifest.FoldIn(0.1, 10.0), read.foldIn());
    assertEquals(1, read.formatVersion());
    assertEquals("2026-11-22T15:30:12Z", read.created());
  }

  @Test
  void thePublicationRecordRoundTripsWithItsMetricsInOrder() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("ndcg@10", 0.21);
    metrics.put("validation.ndcg@10", 0.25);
    metrics.put("popularity.ndcg@10", 0.05);
    PublishedModel published =
        model(new Publication(Instant.parse("2026-12-04T23:00:00Z"), 10, 25, metrics));
    Map<String, Object> fields = published.toFields("id");
    assertEquals(
        List.of("pz_published_l", "pz_profiles_l", "pz_catalog_docs_l", "pz_metrics_s"),
        List.copyOf(fields.keySet()).subList(12, 16));
    assertEquals(1_796_425_200_000L, fields.get("pz_published_l"));
    assertEquals(10L, fields.get("pz_profiles_l"));
    assertEquals(25L, fields.get("pz_catalog_docs_l"));
    assertEquals(
        "{\"ndcg@10\":0.21,\"validation.ndcg@10\":0.25,\"popularity.ndcg@10\":0.05}",
        fields.get("pz_metrics_s"));

    Publication read = PublishedModel.read("m1", fields::get).publication();
    assertEquals(published.publication(), read);
    assertEquals(
        List.of("ndcg@10", "validation.ndcg@10", "popularity.ndcg@10"),
        List.copyOf(read.metrics().keySet()));
    assertEquals(Optional.empty(), model().publicationRecord());
    assertNull(PublishedModel.read("m1", model().toFields("id")::get).publication());

    fields.put("pz_metrics_s", "[1,2]");
    MalformedUsersStoreDocumentException e =
        malformed(() -> PublishedModel.read("m1", fields::get));
    assertEquals(
        "users store document '_pz_model_/m1', field pz_metrics_s: is not a JSON object of"
            + " numbers: Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,java.lang.Double>`"
            + " from Array value (token `JsonToken.START_ARRAY`)",
        e.getMessage());
  }

  @Test
  void aModelWithoutClustersOrCreationTimeReads() {
    Map<String, Object> fields =
        new PublishedModel(
                "m2",
                "a",
                1,
                0,
                new float[0],
                new float[] {4},
                new ModelManifest.FoldIn(0.05, ModelManifest.FoldIn.EXPLICIT_ALPHA),
                1,
                null,
                null)
            .toFields("id");
    assertNull(fields.get("pz_created_s"));
    assertArrayEquals(new byte[0], (byte[]) fields.get("pz_gmm_logw"));
    fields.remove("pz_gmm_logw"); // documents written before the empty value
    PublishedModel read = PublishedModel.read("m2", fields::get);
    assertArrayEquals(new float[0], read.logWeights());
    assertArrayEquals(new float[] {4}, read.gram());
    assertEquals(new ModelManifest.FoldIn(0.05, 0.0), read.foldIn());
    assertNull(read.created());
  }

  @Test
  void aProfileRoundTripsFromBytesAndFromBufferSlices() {
    Profile profile = new Profile("m1", "u 7", new float[] {2, 1}, new float[] {-1.5f, -0.25f});
    Map<String, Object> fields = profile.toFields("id");
    assertEquals(
        List.of("id", "pz_type", "pz_model", "pz_user", "pz_user_vec", "pz_user_theta"),
        List.copyOf(fields.keySet()));
    assertEquals("m1/u 7", fields.get("id"));
    assertEquals("u 7", fields.get("pz_user"));

    Profile read = Profile.read("m1", "u 7", 2, 2, fields::get);
    assertEquals("m1", read.modelId());
    assertEquals("u 7", read.userId());
    assertArrayEquals(new float[] {2, 1}, read.vector());
    assertArrayEquals(new float[] {-1.5f, -0.25f}, read.logAffinity());

    // What the plugin passes for a Lucene BytesRef: a slice of a larger array.
    byte[] vector = (byte[]) fields.get("pz_user_vec");
    byte[] padded = new byte[vector.length + 5];
    System.arraycopy(vector, 0, padded, 3, vector.length);
    Map<String, Object> sliced = new LinkedHashMap<>(fields);
    sliced.put("pz_user_vec", ByteBuffer.wrap(padded, 3, vector.length));
    sliced.put(
        "pz_user_theta", ByteBuffer.wrap((byte[]) fields.get("pz_user_theta")).asReadOnlyBuffer());
    Profile fromBuffers = Profile.read("m1", "u 7", 2, 2, sliced::get);
    assertArrayEquals(new float[] {2, 1}, fromBuffers.vector());
    assertArrayEquals(new float[] {-1.5f, -0.25f}, fromBuffers.logAffinity());
  }

  @Test
  void aProfileWithSeenItemsRoundTripsMostRecentFirst() {
    Profile profile =
        new Profile(
            "m1", "u1", new float[] {2, 1}, new float[] {-1, -2}, List.of("p9", "p 3", "p1"));
    Map<String, Object> fields = profile.toFields("id");
    assertArrayEquals(
        "p9\np 3\np1".getBytes(StandardCharsets.UTF_8), (byte[]) fields.get("pz_user_seen"));
    assertFalse(fields.containsKey("pz_user_seen_s"));
    Profile read = Profile.read("m1", "u1", 2, 2, fields::get);
    assertEquals(List.of("p9", "p 3", "p1"), read.seenItems());

    // What the plugin passes for a Lucene BytesRef: a slice of a larger array; and read-only.
    byte[] seen = (byte[]) fields.get("pz_user_seen");
    byte[] padded = new byte[seen.length + 5];
    System.arraycopy(seen, 0, padded, 2, seen.length);
    Map<String, Object> sliced = new LinkedHashMap<>(fields);
    sliced.put("pz_user_seen", ByteBuffer.wrap(padded, 2, seen.length));
    assertEquals(
        List.of("p9", "p 3", "p1"), Profile.read("m1", "u1", 2, 2, sliced::get).seenItems());
    sliced.put("pz_user_seen", ByteBuffer.wrap(seen).asReadOnlyBuffer());
    assertEquals(
        List.of("p9", "p 3", "p1"), Profile.read("m1", "u1", 2, 2, sliced::get).seenItems());
  }

  @Test
  void seenItemsOfAUsersStoreCreatedBeforeTheBinaryFieldRoundTripAsAString() {
    Profile profile =
        new Profile(
            "m1", "u1", new float[] {2, 1}, new float[] {-1, -2}, List.of("p9", "\u00e9 3"));
    Map<String, Object> fields = profile.toFields("id", UsersStoreDocuments.SeenField.STRING);
    // The same fields as for a current store, the seen one last under the string name.
    List<String> current = new ArrayList<>(profile.toFields("id").keySet());
    assertEquals("pz_user_seen", current.set(current.size() - 1, "pz_user_seen_s"));
    assertEquals(current, List.copyOf(fields.keySet()));
    assertEquals("p9\n\u00e9 3", fields.get("pz_user_seen_s"));
    assertEquals(
        List.of("p9", "\u00e9 3"), Profile.read("m1", "u1", 2, 2, fields::get).seenItems());
    // Both fields hold the same ids, the same bytes.
    assertArrayEquals(
        ((String) fields.get("pz_user_seen_s")).getBytes(StandardCharsets.UTF_8),
        (byte[]) profile.toFields("id").get("pz_user_seen"));
    assertEquals("pz_user_seen", UsersStoreDocuments.SeenField.BINARY.fieldName());
    assertEquals("pz_user_seen_s", UsersStoreDocuments.SeenField.STRING.fieldName());
  }

  @Test
  void theBinarySeenFieldIsReadBeforeTheString() {
    Map<String, Object> fields =
        new LinkedHashMap<>(
            new Profile("m1", "u1", new float[] {1}, new float[0], List.of("p1", "p2"))
                .toFields("id"));
    fields.put("pz_user_seen_s", "p7");
    assertEquals(List.of("p1", "p2"), Profile.read("m1", "u1", 1, 0, fields::get).seenItems());
  }

  @Test
  void aProfileWithoutSeenItemsHasNoSeenFieldAndReadsEmpty() {
    Map<String, Object> fields =
        new Profile("m1", "u1", new float[] {2, 1}, new float[] {-1, -2}).toFields("id");
    assertEquals(
        List.of("id", "pz_type", "pz_model", "pz_user", "pz_user_vec", "pz_user_theta"),
        List.copyOf(fields.keySet()));
    assertEquals(List.of(), Profile.read("m1", "u1", 2, 2, fields::get).seenItems());
  }

  @Test
  void seenItemsKeepTheMostRecentThatFitInOneTerm() {
    String id = "x".repeat(10_000);
    List<String> ids = List.of(id + "1", id + "2", id + "3", id + "4");
    String encoded = UsersStoreDocuments.encodeSeen(ids);
    // Three ids of 10,001 bytes and two separators are 30,005 bytes; a fourth would pass 32,766.
    assertEquals(30_005, encoded.length());
    assertEquals(ids.subList(0, 3), UsersStoreDocuments.decodeSeen(encoded));
  }

  @Test
  void aSeenItemWithALineBreakIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Profile("m1", "u1", new float[] {1}, new float[0], List.of("a\nb")));
    assertEquals(
        "a seen item id must be non-empty and without a line break, got 'a\nb'", e.getMessage());
  }

  @Test
  void aSeenFieldOfAnotherTypeNamesTheField() {
    Map<String, Object> fields =
        new LinkedHashMap<>(new Profile("m1", "u1", new float[] {1}, new float[0]).toFields("id"));
    fields.put("pz_user_seen_s", 7);
    MalformedUsersStoreDocumentException e =
        malformed(() -> Profile.read("m1", "u1", 1, 0, fields::get));
    assertEquals(
        "users store document 'm1/u1', field pz_user_seen_s: expected a string, got Integer",
        e.getMessage());
    fields.put("pz_user_seen", "p1");
    assertEquals(
        "users store document 'm1/u1', field pz_user_seen: expected a binary value, got String",
        malformed(() -> Profile.read("m1", "u1", 1, 0, fields::get)).getMessage());
  }

  @Test
  void aProfileWithoutClustersHasNoAffinityField() {
    Map<String, Object> fields =
        new Profile("m2", "u1", new float[] {3}, new float[0]).toFields("id");
    assertEquals(
        List.of("id", "pz_type", "pz_model", "pz_user", "pz_user_vec"),
        List.copyOf(fields.keySet()));
    assertArrayEquals(new float[0], Profile.read("m2", "u1", 1, 0, fields::get).logAffinity());
  }

  @Test
  void aVectorOfTheWrongLengthNamesDocumentAndField() {
    Map<String, Object> fields =
        new Profile("m1", "u1", new float[] {2, 1, 0}, new float[] {-1, -2}).toFields("id");
    MalformedUsersStoreDocumentException e =
        malformed(() -> Profile.read("m1", "u1", 2, 2, fields::get));
    assertEquals(
        "users store document 'm1/u1', field pz_user_vec: has 12 bytes, the model has k = 2"
            + " (8 bytes)",
        e.getMessage());
    assertEquals("m1/u1", e.documentId());
    assertEquals("pz_user_vec", e.field());

    e = malformed(() -> Profile.read("m1", "u1", 3, 3, fields::get));
    assertEquals(
        "users store document 'm1/u1', field pz_user_theta: has 8 bytes, the model has K = 3"
            + " (12 bytes)",
        e.getMessage());

    Map<String, Object> model = model().toFields("id");
    model.put("pz_yty", VectorCodec.encode(new float[] {1, 2, 3}));
    e = malformed(() -> PublishedModel.read("m1", model::get));
    assertEquals(
        "users store document '_pz_model_/m1', field pz_yty: has 12 bytes, the model has"
            + " k * k = 4 (16 bytes)",
        e.getMessage());
  }

  @Test
  void aMissingFieldIsNamed() {
    Map<String, Object> noTheta =
        new Profile("m1", "u1", new float[] {2, 1}, new float[0]).toFields("id");
    MalformedUsersStoreDocumentException e =
        malformed(() -> Profile.read("m1", "u1", 2, 2, noTheta::get));
    assertEquals("users store document 'm1/u1', field pz_user_theta: missing", e.getMessage());

    Map<String, Object> model = model().toFields("id");
    model.remove("pz_lambda");
    e = malformed(() -> PublishedModel.read("m1", model::get));
    assertEquals("users store document '_pz_model_/m1', field pz_lambda: missing", e.getMessage());

    e = malformed(() -> Pointer.read(Map.of("pz_model", "m1")::get));
    assertEquals("users store document '_pz_active_', field pz_slot: missing", e.getMessage());
  }

  @Test
  void aFieldOfTheWrongTypeOrValueIsNamed() {
    Map<String, Object> model = model().toFields("id");
    model.put("pz_k", "two");
    MalformedUsersStoreDocumentException e = malformed(() -> PublishedModel.read("m1", model::get));
    assertEquals(
        "users store document '_pz_model_/m1', field pz_k: expected a number, got String",
        e.getMessage());

    Map<String, Object> profile =
        new Profile("m1", "u1", new float[] {2, 1}, new float[] {-1, -2}).toFields("id");
    profile.put("pz_user_vec", new float[] {2, 1});
    e = malformed(() -> Profile.read("m1", "u1", 2, 2, profile::get));
    assertEquals(
        "users store document 'm1/u1', field pz_user_vec: expected a binary value, got float[]",
        e.getMessage());

    e = malformed(() -> Pointer.read(Map.of("pz_model", "m1", "pz_slot", "c")::get));
    assertEquals(
        "users store document '_pz_active_', field pz_slot: must be 'a' or 'b', got 'c'",
        e.getMessage());

    Map<String, Object> other = model().toFields("id");
    e = malformed(() -> PublishedModel.read("m9", other::get));
    assertEquals(
        "users store document '_pz_model_/m9', field pz_model: is 'm1', the document id says"
            + " 'm9'",
        e.getMessage());

    other.put("pz_alpha", -1.0);
    e = malformed(() -> PublishedModel.read("m1", other::get));
    assertEquals(
        "users store document '_pz_model_/m1', field pz_lambda/pz_alpha: fold-in alpha must be a"
            + " finite number >= 0, got -1.0",
        e.getMessage());
  }

  @Test
  void aUserIdMayTakeWhatTheProfileIdLeavesOfOneLuceneTerm() {
    assertEquals(32_766, UsersStoreDocuments.MAX_TERM_BYTES);
    assertEquals(32_766 - "m1/".length(), UsersStoreDocuments.maxUserIdBytes("m1"));
    // é is 2 UTF-8 bytes: the limit counts bytes, not characters
    assertEquals(32_766 - 4, UsersStoreDocuments.maxUserIdBytes("ém"));
  }
}
