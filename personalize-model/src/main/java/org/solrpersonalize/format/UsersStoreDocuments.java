package org.solrpersonalize.format;

import static org.solrpersonalize.format.ModelFields.ACTIVE_DOC_ID;
import static org.solrpersonalize.format.ModelFields.CANDIDATE_MODEL;
import static org.solrpersonalize.format.ModelFields.CANDIDATE_SLOT;
import static org.solrpersonalize.format.ModelFields.CLUSTERS;
import static org.solrpersonalize.format.ModelFields.DOC_TYPE;
import static org.solrpersonalize.format.ModelFields.FACTORS;
import static org.solrpersonalize.format.ModelFields.FOLD_IN_ALPHA;
import static org.solrpersonalize.format.ModelFields.FOLD_IN_GRAM;
import static org.solrpersonalize.format.ModelFields.FOLD_IN_REGULARIZATION;
import static org.solrpersonalize.format.ModelFields.FORMAT_VERSION;
import static org.solrpersonalize.format.ModelFields.GMM_LOG_WEIGHTS;
import static org.solrpersonalize.format.ModelFields.METRICS;
import static org.solrpersonalize.format.ModelFields.MODEL;
import static org.solrpersonalize.format.ModelFields.MODEL_CREATED;
import static org.solrpersonalize.format.ModelFields.PREVIOUS_MODEL;
import static org.solrpersonalize.format.ModelFields.PREVIOUS_SLOT;
import static org.solrpersonalize.format.ModelFields.PUBLISHED;
import static org.solrpersonalize.format.ModelFields.PUBLISHED_CATALOG_DOCUMENTS;
import static org.solrpersonalize.format.ModelFields.PUBLISHED_PROFILES;
import static org.solrpersonalize.format.ModelFields.SLOT;
import static org.solrpersonalize.format.ModelFields.TYPE_ACTIVE;
import static org.solrpersonalize.format.ModelFields.TYPE_MODEL;
import static org.solrpersonalize.format.ModelFields.TYPE_USER;
import static org.solrpersonalize.format.ModelFields.USER;
import static org.solrpersonalize.format.ModelFields.USER_LOG_AFFINITY;
import static org.solrpersonalize.format.ModelFields.USER_SEEN;
import static org.solrpersonalize.format.ModelFields.USER_SEEN_STRING;
import static org.solrpersonalize.format.ModelFields.USER_VECTOR;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one codec of the users-store documents (layout in {@link ModelFields}): the publisher writes
 * them, the plugin and the tests read them, all through these records.
 *
 * <p>Writing gives an ordered map of field name to value (numbers, strings, binary values as {@code
 * byte[]}) that the caller turns into its client's document, with the document's id under the users
 * schema's unique key. Reading takes a field accessor that returns a field's value or null; binary
 * values may be {@code byte[]} or {@link ByteBuffer} (the plugin wraps Lucene's {@code BytesRef}).
 * A document that does not read (a field missing or of the wrong type, a vector whose length does
 * not match k or K) throws {@link MalformedUsersStoreDocumentException} naming the document and the
 * field. Example, a profile of model {@code m1} with k = 2, K = 2:
 *
 * <pre>{@code
 * Map<String, Object> fields = new Profile("m1", "u1", new float[] {2, 1},
 *     new float[] {-1.39f, -0.29f}).toFields("id");
 * // {id=m1/u1, pz_type=user, pz_model=m1, pz_user=u1, pz_user_vec=<8 bytes>,
 * //  pz_user_theta=<8 bytes>}
 * Profile read = Profile.read("m1", "u1", 2, 2, fields::get);
 * }</pre>
 *
 * Arrays are neither copied in nor out: the records are transfer objects.
 */
public final class UsersStoreDocuments {
  private UsersStoreDocuments() {}

  /**
   * Lucene's limit on one indexed term, in UTF-8 bytes ({@code IndexWriter.MAX_TERM_LENGTH}). A
   * profile's id {@code <modelId>/<userId>} and its {@code pz_user} are indexed strings, so a user
   * id may have at most {@link #maxUserIdBytes} bytes; Solr rejects a longer one.
   */
  public static final int MAX_TERM_BYTES = 32_766;

  /** The longest user id, in UTF-8 bytes, whose profile id under {@code modelId} is one term. */
  public static int maxUserIdBytes(String modelId) {
    return MAX_TERM_BYTES
        - ModelFields.userDocId(modelId, "").getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * A model and the catalog slot holding its item fields.
   *
   * @param modelId the model
   * @param slot {@code a} or {@code b}
   */
  public record SlotModel(String modelId, String slot) {
    public SlotModel {
      Objects.requireNonNull(modelId, "modelId");
      ModelFields.checkSlot(slot);
    }
  }

  /**
   * The pointer document {@link ModelFields#ACTIVE_DOC_ID}: the one document a model switch
   * updates. Besides the active model it may name a candidate (published into the idle slot, served
   * only to {@code interleave=candidate} requests) and the previously active model (the target of
   * {@code rollback}, valid while its slot still holds it).
   *
   * @param modelId the active model
   * @param slot the catalog slot holding its item fields
   * @param candidate the candidate model, or null; always in the other slot
   * @param previous the model active before the last switch, or null; always in the other slot
   */
  public record Pointer(String modelId, String slot, SlotModel candidate, SlotModel previous) {
    public Pointer {
      Objects.requireNonNull(modelId, "modelId");
      ModelFields.checkSlot(slot);
      for (SlotModel other : new SlotModel[] {candidate, previous}) {
        if (other != null && other.slot().equals(slot)) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "model %s cannot share slot %s with the active model %s",
                  other.modelId(),
                  slot,
                  modelId));
        }
      }
    }

    /** A pointer to an active model with no candidate and no previous model. */
    public Pointer(String modelId, String slot) {
      this(modelId, slot, null, null);
    }

    public SlotModel active() {
      return new SlotModel(modelId, slot);
    }

    public Optional<SlotModel> candidateModel() {
      return Optional.ofNullable(candidate);
    }

    public Optional<SlotModel> previousModel() {
      return Optional.ofNullable(previous);
    }

    public Map<String, Object> toFields(String uniqueKey) {
      Map<String, Object> fields = start(uniqueKey, ACTIVE_DOC_ID, TYPE_ACTIVE, modelId);
      fields.put(SLOT, slot);
      if (candidate != null) {
        fields.put(CANDIDATE_MODEL, candidate.modelId());
        fields.put(CANDIDATE_SLOT, candidate.slot());
      }
      if (previous != null) {
        fields.put(PREVIOUS_MODEL, previous.modelId());
        fields.put(PREVIOUS_SLOT, previous.slot());
      }
      return fields;
    }

    public static Pointer read(Function<String, Object> fields) {
      String modelId = string(fields, ACTIVE_DOC_ID, MODEL);
      String slot = readSlot(fields, ACTIVE_DOC_ID);
      SlotModel candidate = optionalSlotModel(fields, CANDIDATE_MODEL, CANDIDATE_SLOT);
      SlotModel previous = optionalSlotModel(fields, PREVIOUS_MODEL, PREVIOUS_SLOT);
      if (candidate != null && candidate.slot().equals(slot)) {
        throw new MalformedUsersStoreDocumentException(
            ACTIVE_DOC_ID, CANDIDATE_SLOT, "names the active model's slot '" + slot + "'");
      }
      if (previous != null && previous.slot().equals(slot)) {
        throw new MalformedUsersStoreDocumentException(
            ACTIVE_DOC_ID, PREVIOUS_SLOT, "names the active model's slot '" + slot + "'");
      }
      return new Pointer(modelId, slot, candidate, previous);
    }

    private static SlotModel optionalSlotModel(
        Function<String, Object> fields, String modelField, String slotField) {
      if (fields.apply(modelField) == null && fields.apply(slotField) == null) {
        return null;
      }
      String slot = string(fields, ACTIVE_DOC_ID, slotField);
      if (!ModelFields.SLOT_A.equals(slot) && !ModelFields.SLOT_B.equals(slot)) {
        throw new MalformedUsersStoreDocumentException(
            ACTIVE_DOC_ID, slotField, "must be 'a' or 'b', got '" + slot + "'");
      }
      return new SlotModel(string(fields, ACTIVE_DOC_ID, modelField), slot);
    }
  }

  /**
   * The constants document of one published model ({@link ModelFields#modelDocId}): what a query
   * needs besides the profiles.
   *
   * @param modelId the model
   * @param slot the catalog slot holding its item fields
   * @param factors latent dimension k
   * @param clusters mixture components K (0: no cluster part)
   * @param logWeights log pi_k of the mixture, K values
   * @param gram {@code Y^T Y} over all items, k x k row-major, as float32 (session fold-in)
   * @param foldIn lambda and alpha of session fold-in
   * @param formatVersion the model directory's format version
   * @param created when the model was trained (ISO-8601), or null if unknown
   * @param publication when and how whole it was published, or null (documents written before it)
   */
  public record PublishedModel(
      String modelId,
      String slot,
      int factors,
      int clusters,
      float[] logWeights,
      float[] gram,
      ModelManifest.FoldIn foldIn,
      int formatVersion,
      String created,
      Publication publication) {
    public PublishedModel {
      Objects.requireNonNull(modelId, "modelId");
      ModelFields.checkSlot(slot);
      Objects.requireNonNull(foldIn, "foldIn");
      if (factors <= 0 || clusters < 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "need k > 0 and K >= 0, got k = %d, K = %d", factors, clusters));
      }
      if (logWeights.length != clusters || gram.length != factors * factors) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "need K = %d log weights and k * k = %d gram values, got %d and %d",
                clusters,
                factors * factors,
                logWeights.length,
                gram.length));
      }
    }

    public Optional<Publication> publicationRecord() {
      return Optional.ofNullable(publication);
    }

    public Map<String, Object> toFields(String uniqueKey) {
      Map<String, Object> fields =
          start(uniqueKey, ModelFields.modelDocId(modelId), TYPE_MODEL, modelId);
      fields.put(SLOT, slot);
      fields.put(FACTORS, factors);
      fields.put(CLUSTERS, clusters);
      fields.put(GMM_LOG_WEIGHTS, VectorCodec.encode(logWeights));
      fields.put(FOLD_IN_GRAM, VectorCodec.encode(gram));
      fields.put(FOLD_IN_REGULARIZATION, foldIn.regularization());
      fields.put(FOLD_IN_ALPHA, foldIn.alpha());
      fields.put(FORMAT_VERSION, formatVersion);
      if (created != null) {
        fields.put(MODEL_CREATED, created);
      }
      if (publication != null) {
        publication.addTo(fields);
      }
      return fields;
    }

    /** Reads the constants document of {@code modelId}. */
    public static PublishedModel read(String modelId, Function<String, Object> fields) {
      String id = ModelFields.modelDocId(modelId);
      String stored = string(fields, id, MODEL);
      if (!stored.equals(modelId)) {
        throw new MalformedUsersStoreDocumentException(
            id,
            MODEL,
            String.format(Locale.ROOT, "is '%s', the document id says '%s'", stored, modelId));
      }
      int k = number(fields, id, FACTORS).intValue();
      if (k <= 0) {
        throw new MalformedUsersStoreDocumentException(id, FACTORS, "k must be > 0, got " + k);
      }
      int clusters = number(fields, id, CLUSTERS).intValue();
      if (clusters < 0) {
        throw new MalformedUsersStoreDocumentException(
            id, CLUSTERS, "K must be >= 0, got " + clusters);
      }
      // Written as an empty value when K = 0; older documents may lack it then.
      float[] logWeights =
          clusters == 0 && fields.apply(GMM_LOG_WEIGHTS) == null
              ? new float[0]
              : floats(fields, id, GMM_LOG_WEIGHTS, clusters, "K");
      float[] gram = floats(fields, id, FOLD_IN_GRAM, k * k, "k * k");
      ModelManifest.FoldIn foldIn;
      try {
        foldIn =
            new ModelManifest.FoldIn(
                number(fields, id, FOLD_IN_REGULARIZATION).doubleValue(),
                number(fields, id, FOLD_IN_ALPHA).doubleValue());
      } catch (IllegalArgumentException e) {
        throw new MalformedUsersStoreDocumentException(
            id, FOLD_IN_REGULARIZATION + "/" + FOLD_IN_ALPHA, e.getMessage());
      }
      Object created = fields.apply(MODEL_CREATED);
      return new PublishedModel(
          modelId,
          readSlot(fields, id),
          k,
          clusters,
          logWeights,
          gram,
          foldIn,
          number(fields, id, FORMAT_VERSION).intValue(),
          created == null ? null : created.toString(),
          Publication.read(id, fields));
    }
  }

  /**
   * What the publisher records on a model document when it publishes it: {@code status} prints it,
   * and {@code promote} and {@code rollback} compare the counts with what the store holds now, so
   * that they never make a model active that is no longer whole. Example fields:
   *
   * <pre>{@code
   * pz_published_l=1796425200000, pz_profiles_l=10, pz_catalog_docs_l=25,
   * pz_metrics_s={"ndcg@10":0.21,"popularity.ndcg@10":0.05}
   * }</pre>
   *
   * @param published when the publish wrote the model document
   * @param profiles user profiles of the model it wrote
   * @param catalogDocuments catalog documents holding the model in its slot after it wrote them
   * @param metrics the manifest's metrics (holdout, validation, baselines), by name, in order
   */
  public record Publication(
      Instant published, long profiles, long catalogDocuments, Map<String, Double> metrics) {
    private static final JsonMapper JSON =
        JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    public Publication {
      Objects.requireNonNull(published, "published");
      if (profiles < 0 || catalogDocuments < 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "need counts >= 0, got %d profiles and %d catalog documents",
                profiles,
                catalogDocuments));
      }
      metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
    }

    void addTo(Map<String, Object> fields) {
      fields.put(PUBLISHED, published.toEpochMilli());
      fields.put(PUBLISHED_PROFILES, profiles);
      fields.put(PUBLISHED_CATALOG_DOCUMENTS, catalogDocuments);
      try {
        fields.put(METRICS, JSON.writeValueAsString(metrics));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a map of numbers always writes", e);
      }
    }

    /** The publication recorded on model document {@code id}, or null if it has none. */
    static Publication read(String id, Function<String, Object> fields) {
      if (fields.apply(PUBLISHED) == null) {
        return null;
      }
      Map<String, Double> metrics;
      String json = string(fields, id, METRICS);
      try {
        metrics = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Double>>() {});
      } catch (JsonProcessingException e) {
        throw new MalformedUsersStoreDocumentException(
            id, METRICS, "is not a JSON object of numbers: " + e.getOriginalMessage());
      }
      long profiles = number(fields, id, PUBLISHED_PROFILES).longValue();
      long documents = number(fields, id, PUBLISHED_CATALOG_DOCUMENTS).longValue();
      if (profiles < 0 || documents < 0) {
        throw new MalformedUsersStoreDocumentException(
            id,
            profiles < 0 ? PUBLISHED_PROFILES : PUBLISHED_CATALOG_DOCUMENTS,
            "must be >= 0, got " + Math.min(profiles, documents));
      }
      return new Publication(
          Instant.ofEpochMilli(number(fields, id, PUBLISHED).longValue()),
          profiles,
          documents,
          metrics == null ? Map.of() : metrics);
    }
  }

  /**
   * One user's profile under one model ({@link ModelFields#userDocId}).
   *
   * @param modelId the model
   * @param userId the user
   * @param vector user factors, k values
   * @param logAffinity log cluster affinities log theta_uk, K values (empty when K = 0)
   * @param seenItems ids of the items the user has seen, most recent first (empty: none, or a
   *     profile published before seen items existed); none may contain a line break
   */
  public record Profile(
      String modelId, String userId, float[] vector, float[] logAffinity, List<String> seenItems) {
    public Profile {
      Objects.requireNonNull(modelId, "modelId");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(vector, "vector");
      Objects.requireNonNull(logAffinity, "logAffinity");
      seenItems = List.copyOf(seenItems);
      for (String item : seenItems) {
        if (item.isEmpty() || item.indexOf('\n') >= 0) {
          throw new IllegalArgumentException(
              "a seen item id must be non-empty and without a line break, got '" + item + "'");
        }
      }
    }

    /** A profile without seen items. */
    public Profile(String modelId, String userId, float[] vector, float[] logAffinity) {
      this(modelId, userId, vector, logAffinity, List.of());
    }

    /** The profile's fields for a users store of the current schema ({@link SeenField#BINARY}). */
    public Map<String, Object> toFields(String uniqueKey) {
      return toFields(uniqueKey, SeenField.BINARY);
    }

    /**
     * @param seen the field the users store's schema has for seen items
     */
    public Map<String, Object> toFields(String uniqueKey, SeenField seen) {
      Map<String, Object> fields =
          start(uniqueKey, ModelFields.userDocId(modelId, userId), TYPE_USER, modelId);
      fields.put(USER, userId);
      fields.put(USER_VECTOR, VectorCodec.encode(vector));
      if (logAffinity.length > 0) {
        fields.put(USER_LOG_AFFINITY, VectorCodec.encode(logAffinity));
      }
      if (!seenItems.isEmpty()) {
        fields.put(seen.fieldName(), seen.value(encodeSeen(seenItems)));
      }
      return fields;
    }

    /**
     * Reads a profile of a model with k {@code factors} and K {@code clusters}. Only the two vector
     * fields and the seen fields ({@link ModelFields#USER_SEEN}, else {@link
     * ModelFields#USER_SEEN_STRING}) are asked for: the plugin reads them from docValues, without
     * the stored document. A profile without either seen field has no seen items.
     */
    public static Profile read(
        String modelId, String userId, int factors, int clusters, Function<String, Object> fields) {
      String id = ModelFields.userDocId(modelId, userId);
      float[] vector = floats(fields, id, USER_VECTOR, factors, "k");
      float[] logAffinity =
          clusters == 0 && fields.apply(USER_LOG_AFFINITY) == null
              ? new float[0]
              : floats(fields, id, USER_LOG_AFFINITY, clusters, "K");
      return new Profile(modelId, userId, vector, logAffinity, readSeen(fields, id));
    }
  }

  /**
   * The field a users store holds its profiles' seen items in, as its schema declares: the
   * publisher asks the schema once per publish, so a store created before {@link
   * ModelFields#USER_SEEN} keeps working without a change to its configset.
   */
  public enum SeenField {
    /** {@link ModelFields#USER_SEEN}: binary docValues, one read per profile lookup. */
    BINARY(USER_SEEN),
    /** {@link ModelFields#USER_SEEN_STRING}: users stores whose schema has no {@code USER_SEEN}. */
    STRING(USER_SEEN_STRING);

    private final String fieldName;

    SeenField(String fieldName) {
      this.fieldName = fieldName;
    }

    public String fieldName() {
      return fieldName;
    }

    /** The field's value of {@link #encodeSeen encoded} ids: their UTF-8 bytes, or the string. */
    Object value(String encoded) {
      return this == BINARY ? encoded.getBytes(StandardCharsets.UTF_8) : encoded;
    }
  }

  /**
   * The profile's seen items from {@link ModelFields#USER_SEEN} (binary: {@code byte[]} or {@link
   * ByteBuffer}), else from {@link ModelFields#USER_SEEN_STRING} (a string); none without either.
   */
  private static List<String> readSeen(Function<String, Object> fields, String id) {
    Object binary = fields.apply(USER_SEEN);
    if (binary != null) {
      ByteBuffer bytes = binary(id, USER_SEEN, binary);
      return decodeSeen(
          new String(
              bytes.array(),
              bytes.arrayOffset() + bytes.position(),
              bytes.remaining(),
              StandardCharsets.UTF_8));
    }
    Object text = fields.apply(USER_SEEN_STRING);
    if (text == null) {
      return List.of();
    }
    if (text instanceof String string) {
      return decodeSeen(string);
    }
    throw wrongType(id, USER_SEEN_STRING, "a string", text);
  }

  /**
   * The value of the seen field ({@link SeenField}): the ids joined by line breaks, most recent
   * first, as many as fit in {@link #MAX_TERM_BYTES} UTF-8 bytes (one term of a string field): the
   * oldest are left out. Both fields hold the same ids.
   */
  public static String encodeSeen(List<String> ids) {
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    for (String id : ids) {
      int size = id.getBytes(StandardCharsets.UTF_8).length + (out.length() == 0 ? 0 : 1);
      if (bytes + size > MAX_TERM_BYTES) {
        break;
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(id);
      bytes += size;
    }
    return out.toString();
  }

  /** The ids of a seen field's value ({@link #encodeSeen}), most recent first. */
  public static List<String> decodeSeen(String value) {
    return value.isEmpty() ? List.of() : List.of(value.split("\n"));
  }

  private static Map<String, Object> start(
      String uniqueKey, String id, String type, String modelId) {
    Objects.requireNonNull(uniqueKey, "uniqueKey");
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(uniqueKey, id);
    fields.put(DOC_TYPE, type);
    fields.put(MODEL, modelId);
    return fields;
  }

  private static Object required(Function<String, Object> fields, String id, String name) {
    Object value = fields.apply(name);
    if (value == null) {
      throw new MalformedUsersStoreDocumentException(id, name, "missing");
    }
    return value;
  }

  private static String string(Function<String, Object> fields, String id, String name) {
    return typed(fields, id, name, String.class, "a string");
  }

  private static Number number(Function<String, Object> fields, String id, String name) {
    return typed(fields, id, name, Number.class, "a number");
  }

  private static <T> T typed(
      Function<String, Object> fields, String id, String name, Class<T> type, String expected) {
    Object value = required(fields, id, name);
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw wrongType(id, name, expected, value);
  }

  private static String readSlot(Function<String, Object> fields, String id) {
    String slot = string(fields, id, SLOT);
    if (!ModelFields.SLOT_A.equals(slot) && !ModelFields.SLOT_B.equals(slot)) {
      throw new MalformedUsersStoreDocumentException(
          id, SLOT, "must be 'a' or 'b', got '" + slot + "'");
    }
    return slot;
  }

  /** A binary field holding exactly {@code expected} little-endian float32 values. */
  private static float[] floats(
      Function<String, Object> fields, String id, String name, int expected, String dimension) {
    ByteBuffer buffer = binary(id, name, required(fields, id, name));
    int length = buffer.remaining();
    if (length != expected * Float.BYTES) {
      throw new MalformedUsersStoreDocumentException(
          id,
          name,
          String.format(
              Locale.ROOT,
              "has %d bytes, the model has %s = %d (%d bytes)",
              length,
              dimension,
              expected,
              expected * Float.BYTES));
    }
    return VectorCodec.decode(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
  }

  /**
   * The binary value ({@code byte[]} or {@link ByteBuffer}) of field {@code name} as a buffer with
   * an accessible array: the value's own, or a copy of a direct or read-only buffer's bytes.
   */
  private static ByteBuffer binary(String id, String name, Object value) {
    ByteBuffer buffer =
        value instanceof byte[] array
            ? ByteBuffer.wrap(array)
            : value instanceof ByteBuffer b ? b : null;
    if (buffer == null) {
      throw wrongType(id, name, "a binary value", value);
    }
    if (buffer.hasArray()) {
      return buffer;
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return ByteBuffer.wrap(copy);
  }

  private static MalformedUsersStoreDocumentException wrongType(
      String id, String name, String expected, Object value) {
    return new MalformedUsersStoreDocumentException(
        id,
        name,
        String.format(
            Locale.ROOT, "expected %s, got %s", expected, value.getClass().getSimpleName()));
  }
}
