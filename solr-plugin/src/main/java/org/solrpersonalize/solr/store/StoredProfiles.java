package org.solrpersonalize.solr.store;

import static org.solrpersonalize.format.ModelFields.*;

import java.util.Locale;
import java.util.function.Function;
import org.apache.lucene.util.BytesRef;
import org.solrpersonalize.format.VectorCodec;

/**
 * Decodes users store documents, whatever shape the fields arrive in (Lucene stored fields of a
 * local core, or SolrJ values from another node).
 */
final class StoredProfiles {
  private StoredProfiles() {}

  static ModelConstants modelConstants(String modelId, Function<String, Object> field) {
    int k = number(field, FACTORS, modelId).intValue();
    int clusters = number(field, CLUSTERS, modelId).intValue();
    float[] logWeights = clusters > 0 ? floats(field.apply(GMM_LOG_WEIGHTS)) : new float[0];
    float[] gramFloats = floats(field.apply(FOLD_IN_GRAM));
    double[] gram = new double[gramFloats.length];
    for (int i = 0; i < gram.length; i++) {
      gram[i] = gramFloats[i];
    }
    if (gram.length != k * k || logWeights.length != clusters) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "users store: model document of %s is damaged (%d gram values for k=%d, %d log weights"
              + " for K=%d)", modelId, gram.length, k, logWeights.length, clusters));
    }
    return new ModelConstants(modelId, (String) field.apply(SLOT), k, clusters, logWeights, gram,
        number(field, FOLD_IN_REGULARIZATION, modelId).doubleValue(),
        number(field, FOLD_IN_ALPHA, modelId).doubleValue());
  }

  static UserProfile userProfile(String modelId, String userId, Function<String, Object> field) {
    Object theta = field.apply(USER_LOG_AFFINITY);
    return new UserProfile(userId, modelId, floats(field.apply(USER_VECTOR)),
        theta == null ? new float[0] : floats(theta));
  }

  static float[] floats(Object value) {
    if (value instanceof BytesRef b) {
      return VectorCodec.decode(b.bytes, b.offset, b.length);
    }
    if (value instanceof byte[] b) {
      return VectorCodec.decode(b, 0, b.length);
    }
    if (value instanceof java.nio.ByteBuffer b) {
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      return VectorCodec.decode(copy, 0, copy.length);
    }
    throw new IllegalStateException("users store: expected a binary field, got " + value);
  }

  private static Number number(Function<String, Object> field, String name, String modelId) {
    Object v = field.apply(name);
    if (v instanceof Number n) {
      return n;
    }
    throw new IllegalStateException(
        "users store: model document of " + modelId + " lacks numeric field " + name);
  }
}
