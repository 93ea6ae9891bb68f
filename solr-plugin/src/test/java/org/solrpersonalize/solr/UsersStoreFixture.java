package org.solrpersonalize.solr;

import java.util.List;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;

/**
 * The users-store documents of the plugin tests' model m1 (k = 2, K = 2, pi = (0.5, 0.5), slot a):
 * its model document, the active pointer, user u1 with vector (2, 1) and theta (0.25, 0.75), and
 * user u9, known only to another model.
 */
public final class UsersStoreFixture {
  public static final float[] U1 = {2, 1};
  public static final double[] U1_THETA = {0.25, 0.75};

  private UsersStoreFixture() {}

  /** @param otherModel the model that knows u9 (not m1) */
  public static List<SolrInputDocument> documents(String otherModel) {
    SolrInputDocument model = new SolrInputDocument();
    model.setField("id", ModelFields.modelDocId("m1"));
    model.setField(ModelFields.DOC_TYPE, ModelFields.TYPE_MODEL);
    model.setField(ModelFields.MODEL, "m1");
    model.setField(ModelFields.SLOT, "a");
    model.setField(ModelFields.FACTORS, 2);
    model.setField(ModelFields.CLUSTERS, 2);
    model.setField(ModelFields.GMM_LOG_WEIGHTS,
        VectorCodec.encode(new float[] {(float) Math.log(0.5), (float) Math.log(0.5)}));
    model.setField(ModelFields.FOLD_IN_GRAM, VectorCodec.encode(new float[] {3, 0.5f, 0.5f, 2.25f}));
    model.setField(ModelFields.FOLD_IN_REGULARIZATION, 0.1);
    model.setField(ModelFields.FOLD_IN_ALPHA, 10.0);
    model.setField(ModelFields.FORMAT_VERSION, 1);
    SolrInputDocument pointer = new SolrInputDocument("id", ModelFields.ACTIVE_DOC_ID,
        ModelFields.DOC_TYPE, ModelFields.TYPE_ACTIVE, ModelFields.MODEL, "m1", ModelFields.SLOT, "a");
    float[] logTheta = {(float) Math.log(U1_THETA[0]), (float) Math.log(U1_THETA[1])};
    return List.of(model, pointer, user("m1", "u1", U1, logTheta),
        user(otherModel, "u9", new float[] {5, 5}, null));
  }

  private static SolrInputDocument user(String model, String id, float[] vector, float[] logTheta) {
    SolrInputDocument user = new SolrInputDocument();
    user.setField("id", ModelFields.userDocId(model, id));
    user.setField(ModelFields.DOC_TYPE, ModelFields.TYPE_USER);
    user.setField(ModelFields.MODEL, model);
    user.setField(ModelFields.USER, id);
    user.setField(ModelFields.USER_VECTOR, VectorCodec.encode(vector));
    if (logTheta != null) {
      user.setField(ModelFields.USER_LOG_AFFINITY, VectorCodec.encode(logTheta));
    }
    return user;
  }
}
