package org.solrpersonalize.solr;

import java.util.List;
import java.util.Map;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * The users-store documents of the plugin tests' model m1 (k = 2, K = 2, pi = (0.5, 0.5), slot a):
 * its model document, the active pointer, user u1 with vector (2, 1) and theta (0.25, 0.75), and
 * user u9, known only to another model. Written through the codec the publisher uses.
 */
public final class UsersStoreFixture {
  public static final float[] U1 = {2, 1};
  public static final double[] U1_THETA = {0.25, 0.75};

  private UsersStoreFixture() {}

  /**
   * @param otherModel the model that knows u9 (not m1)
   */
  public static List<SolrInputDocument> documents(String otherModel) {
    return documents(otherModel, "id");
  }

  /**
   * @param otherModel the model that knows u9 (not m1)
   * @param uniqueKey the users schema's unique key field
   */
  public static List<SolrInputDocument> documents(String otherModel, String uniqueKey) {
    UsersStoreDocuments.PublishedModel model =
        new UsersStoreDocuments.PublishedModel(
            "m1",
            "a",
            2,
            2,
            new float[] {(float) Math.log(0.5), (float) Math.log(0.5)},
            new float[] {3, 0.5f, 0.5f, 2.25f},
            new ModelManifest.FoldIn(0.1, 10.0),
            1,
            null,
            null);
    float[] logTheta = {(float) Math.log(U1_THETA[0]), (float) Math.log(U1_THETA[1])};
    return List.of(
        document(model.toFields(uniqueKey)),
        document(new UsersStoreDocuments.Pointer("m1", "a").toFields(uniqueKey)),
        document(new UsersStoreDocuments.Profile("m1", "u1", U1, logTheta).toFields(uniqueKey)),
        document(
            new UsersStoreDocuments.Profile(otherModel, "u9", new float[] {5, 5}, new float[0])
                .toFields(uniqueKey)));
  }

  /**
   * The model document of a model with k = 2, no clusters and an identity gram matrix, in {@code
   * slot}: the candidates of the interleaving tests.
   */
  public static UsersStoreDocuments.PublishedModel modelWithoutClusters(String id, String slot) {
    return new UsersStoreDocuments.PublishedModel(
        id,
        slot,
        2,
        0,
        new float[0],
        new float[] {1, 0, 0, 1},
        new ModelManifest.FoldIn(0.1, 10.0),
        1,
        null,
        null);
  }

  /** User {@code user}'s profile under {@code model}, without seen items. */
  public static SolrInputDocument profile(
      String model, String user, float[] vector, float[] logTheta, String uniqueKey) {
    return document(
        new UsersStoreDocuments.Profile(model, user, vector, logTheta).toFields(uniqueKey));
  }

  /** {@link #modelWithoutClusters}'s model document. */
  public static SolrInputDocument candidateModel(String id, String slot, String uniqueKey) {
    return document(modelWithoutClusters(id, slot).toFields(uniqueKey));
  }

  /** The pointer to m1 in slot a, interleaved with {@code candidate} in {@code slot}. */
  public static SolrInputDocument pointerWithCandidate(
      String candidate, String slot, String uniqueKey) {
    return document(
        new UsersStoreDocuments.Pointer(
                "m1", "a", new UsersStoreDocuments.SlotModel(candidate, slot), null)
            .toFields(uniqueKey));
  }

  /** A SolrJ document of the codec's fields. */
  public static SolrInputDocument document(Map<String, Object> fields) {
    SolrInputDocument doc = new SolrInputDocument();
    fields.forEach(doc::setField);
    return doc;
  }
}
