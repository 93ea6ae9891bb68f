package org.solrpersonalize.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Names of every field the trainer writes and the plugin reads. Public contract: the configsets,
 * the publisher and the plugin all use these names.
 *
 * <h2>Catalog documents</h2>
 *
 * Two slots, {@code a} and {@code b}, so that a new model is written into the idle slot while the
 * active one keeps serving. Per slot {@code s}:
 *
 * <ul>
 *   <li>{@code pz_item_s}: the item's k factors followed by its K cluster log-densities {@code
 *       l_ik}, k + K floats in one binary docValues value, {@link VectorCodec} encoded. One value,
 *       not a field each: a rerank reads both for every document of its window, and one random read
 *       per document instead of two cut the window's read time by about a third (1,000 scattered
 *       documents of a 1M catalog); a full-catalog {@code userdot} sort reads about 15% more bytes
 *       for it.
 *   <li>{@code pz_model_s}: {@link #modelTag} of the model that field belongs to (long docValues)
 * </ul>
 *
 * Both are docValues-only so that publish rewrites them in place (no stored field is read, no text
 * re-indexed).
 *
 * <h2>Users store</h2>
 *
 * <ul>
 *   <li>{@link #ACTIVE_DOC_ID}: the one document a model switch updates: {@link #MODEL} and {@link
 *       #SLOT} of the active model.
 *   <li>{@code _pz_model_/<modelId>} ({@link #modelDocId}): per-model constants the plugin needs at
 *       query time: dimensions, GMM log weights, ALS fold-in Gram matrix and parameters.
 *   <li>{@code <modelId>/<userId>} ({@link #userDocId}): one user profile: factors, log cluster
 *       affinities and the items the user has seen ({@link #USER_SEEN}, or {@link
 *       #USER_SEEN_STRING} in users stores created before it).
 *   <li>{@link #LOCK_DOC_ID}: held by the one publish running, with its owner and heartbeat.
 * </ul>
 *
 * {@link UsersStoreDocuments} writes and reads the first three; every document's id goes into the
 * users schema's unique key field, whatever its name.
 */
public final class ModelFields {
  private ModelFields() {}

  /** The two catalog slots. */
  public static final String SLOT_A = "a";

  public static final String SLOT_B = "b";

  public static final String ITEM_PREFIX = "pz_item_";
  public static final String ITEM_MODEL_PREFIX = "pz_model_";

  /** Users store: the pointer to the active model. */
  public static final String ACTIVE_DOC_ID = "_pz_active_";

  public static final String MODEL_DOC_PREFIX = "_pz_model_/";

  /** Users store: the publish lock. */
  public static final String LOCK_DOC_ID = "_pz_lock_";

  /** Users store fields. */
  public static final String MODEL = "pz_model";

  public static final String SLOT = "pz_slot";
  public static final String DOC_TYPE = "pz_type";
  public static final String USER = "pz_user";
  public static final String USER_VECTOR = "pz_user_vec";
  public static final String USER_LOG_AFFINITY = "pz_user_theta";
  public static final String FACTORS = "pz_k";
  public static final String CLUSTERS = "pz_clusters";
  public static final String GMM_LOG_WEIGHTS = "pz_gmm_logw";
  public static final String FOLD_IN_GRAM = "pz_yty";
  public static final String FOLD_IN_REGULARIZATION = "pz_lambda";
  public static final String FOLD_IN_ALPHA = "pz_alpha";
  public static final String FORMAT_VERSION = "pz_format";

  /**
   * Profile: the user's seen items, most recent first: the UTF-8 bytes of the ids separated by line
   * breaks (ids never hold one: the model directory's id files are line-based), at most {@link
   * UsersStoreDocuments#MAX_TERM_BYTES} bytes. Binary docValues: a profile lookup reads its own
   * value (9 microseconds for 200 ids), where a sorted docValues term ({@link #USER_SEEN_STRING})
   * decompresses its whole block of 64 terms (600 microseconds; 10,000 users of 200 ids, one
   * segment). Publish writes it when the users schema declares it, and {@link #USER_SEEN_STRING}
   * otherwise.
   */
  public static final String USER_SEEN = "pz_user_seen";

  /**
   * Profile: the seen items of {@link #USER_SEEN} as a string, in users stores whose schema does
   * not declare {@link #USER_SEEN} (created before it). A {@code *_s} name, so stores created
   * before seen items existed take it as a dynamic string field.
   */
  public static final String USER_SEEN_STRING = "pz_user_seen_s";

  /** Model document: when the model was trained (ISO-8601, the manifest's {@code created}). */
  public static final String MODEL_CREATED = "pz_created_s";

  /**
   * Model document: when it was published (epoch milliseconds), how many profiles and catalog
   * documents held it then, and the manifest's metrics as a JSON object. {@code status} prints
   * them; {@code promote} and {@code rollback} compare the counts with what the store holds now.
   * Dynamic fields, so users stores created before them take them without a schema change.
   */
  public static final String PUBLISHED = "pz_published_l";

  public static final String PUBLISHED_PROFILES = "pz_profiles_l";
  public static final String PUBLISHED_CATALOG_DOCUMENTS = "pz_catalog_docs_l";
  public static final String METRICS = "pz_metrics_s";

  /**
   * Pointer document: the candidate model ({@code publish --candidate}) and the slot holding it;
   * absent when there is none. Dynamic {@code *_s} fields, so users stores created before
   * candidates existed take them without a schema change.
   */
  public static final String CANDIDATE_MODEL = "pz_candidate_model_s";

  public static final String CANDIDATE_SLOT = "pz_candidate_slot_s";

  /**
   * Pointer document: the model that was active before the last switch, and its slot; {@code
   * rollback} returns to it while that slot still holds it.
   */
  public static final String PREVIOUS_MODEL = "pz_previous_model_s";

  public static final String PREVIOUS_SLOT = "pz_previous_slot_s";

  /** Lock document: who holds it ({@code pid@host}). */
  public static final String LOCK_OWNER = "pz_lock_owner_s";

  /** Lock document: epoch milliseconds of the holder's last heartbeat. */
  public static final String LOCK_HEARTBEAT = "pz_lock_heartbeat_l";

  /** Values of {@link #DOC_TYPE}. */
  public static final String TYPE_ACTIVE = "active";

  public static final String TYPE_MODEL = "model";
  public static final String TYPE_USER = "user";
  public static final String TYPE_LOCK = "lock";

  /** The slot's item field: k factors, then K cluster log-densities. */
  public static String itemField(String slot) {
    return ITEM_PREFIX + checkSlot(slot);
  }

  public static String itemModelField(String slot) {
    return ITEM_MODEL_PREFIX + checkSlot(slot);
  }

  /**
   * The number a catalog document's {@code pz_model_s} field holds for model {@code modelId}: the
   * first 8 bytes of the SHA-256 of its UTF-8 id. A number, not the id, because Solr rewrites only
   * numeric and binary docValues in place; two model ids share a tag with odds of 2^-64.
   */
  public static long modelTag(String modelId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(modelId.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(hash).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  public static String otherSlot(String slot) {
    return SLOT_A.equals(checkSlot(slot)) ? SLOT_B : SLOT_A;
  }

  public static String modelDocId(String modelId) {
    return MODEL_DOC_PREFIX + modelId;
  }

  public static String userDocId(String modelId, String userId) {
    return modelId + "/" + userId;
  }

  public static String checkSlot(String slot) {
    if (!SLOT_A.equals(slot) && !SLOT_B.equals(slot)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "model slot must be 'a' or 'b', got '%s'", slot));
    }
    return slot;
  }
}
