package org.solrpersonalize.trainer.publish;

import static org.solrpersonalize.format.ModelFields.*;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.VectorCodec;
import org.solrpersonalize.math.AlsFoldIn;

/**
 * The users store as the publisher sees it: the active-model pointer, one constants document per
 * model, and the user profiles (layout in {@link org.solrpersonalize.format.ModelFields}).
 */
final class UsersStore {
  static final String STATE_WRITING = "writing";
  static final String STATE_COMPLETE = "complete";

  private final SolrClient client;
  private final String collection;

  UsersStore(SolrClient client, String collection) {
    this.client = client;
    this.collection = collection;
  }

  String collection() {
    return collection;
  }

  /** The active model, or empty when nothing was ever published. */
  Optional<ActiveModel> active() throws IOException, SolrServerException {
    SolrDocument pointer = client.getById(collection, ACTIVE_DOC_ID);
    if (pointer == null) {
      return Optional.empty();
    }
    String modelId = (String) pointer.getFirstValue(MODEL);
    String slot = (String) pointer.getFirstValue(SLOT);
    SolrDocument model = client.getById(collection, modelDocId(modelId));
    if (model == null) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "users store '%s': the active model '%s' has no document %s; the store is damaged:"
                  + " delete its document %s, then publish a model again",
              collection,
              modelId,
              modelDocId(modelId),
              ACTIVE_DOC_ID));
    }
    return Optional.of(
        new ActiveModel(
            modelId,
            slot,
            ((Number) model.getFirstValue(FACTORS)).intValue(),
            ((Number) model.getFirstValue(CLUSTERS)).intValue(),
            ((Number) model.getFirstValue(FORMAT_VERSION)).intValue()));
  }

  /**
   * The per-model constants the plugin needs at query time (dimensions, mixture log weights, and
   * what session fold-in needs: {@code Y^T Y}, lambda, alpha).
   */
  SolrInputDocument modelDocument(ModelDirectory.Model model, String slot, String state) {
    var manifest = model.manifest();
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField("id", modelDocId(manifest.modelId()));
    doc.setField(DOC_TYPE, TYPE_MODEL);
    doc.setField(MODEL, manifest.modelId());
    doc.setField(SLOT, slot);
    doc.setField(FACTORS, manifest.factors());
    doc.setField(CLUSTERS, manifest.clusters());
    doc.setField(GMM_LOG_WEIGHTS, VectorCodec.encode(model.gmmLogWeights()));
    doc.setField(FOLD_IN_GRAM, VectorCodec.encode(AlsFoldIn.gram(model.itemFactors(), model.k())));
    doc.setField(FOLD_IN_REGULARIZATION, hyperparameter(model, "regularization"));
    doc.setField(FOLD_IN_ALPHA, hyperparameter(model, "alpha"));
    doc.setField(FORMAT_VERSION, manifest.formatVersion());
    doc.setField(PUBLISH_STATE, state);
    doc.setField("pz_created_s", manifest.created());
    return doc;
  }

  static SolrInputDocument userDocument(ModelDirectory.Model model, int row) {
    int k = model.k();
    int clusters = model.clusters();
    String modelId = model.manifest().modelId();
    String userId = model.userIds().get(row);
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField("id", userDocId(modelId, userId));
    doc.setField(DOC_TYPE, TYPE_USER);
    doc.setField(MODEL, modelId);
    doc.setField(USER, userId);
    doc.setField(USER_VECTOR, VectorCodec.encode(model.userFactors(), row * k, k));
    if (clusters > 0) {
      doc.setField(USER_LOG_AFFINITY, VectorCodec.encode(model.userLogAffinity(), row * clusters, clusters));
    }
    return doc;
  }

  /** The one small update that makes a model active. */
  static SolrInputDocument pointerDocument(String modelId, String slot) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField("id", ACTIVE_DOC_ID);
    doc.setField(DOC_TYPE, TYPE_ACTIVE);
    doc.setField(MODEL, modelId);
    doc.setField(SLOT, slot);
    return doc;
  }

  /** Number of user profiles stored for a model (committed ones). */
  long userCount(String modelId) throws IOException, SolrServerException {
    SolrQuery q = new SolrQuery("*:*");
    q.addFilterQuery(DOC_TYPE + ":" + TYPE_USER);
    q.addFilterQuery(MODEL + ":" + ClientUtils.escapeQueryChars(modelId));
    q.setRows(0);
    return client.query(collection, q).getResults().getNumFound();
  }

  /**
   * Deletes the profiles and constants of every model except the ones kept: reclaims what the
   * slot about to be overwritten belonged to.
   */
  void deleteModelsExcept(String... keep) throws IOException, SolrServerException {
    StringBuilder query = new StringBuilder("(" + DOC_TYPE + ":" + TYPE_USER + " OR " + DOC_TYPE
        + ":" + TYPE_MODEL + ")");
    for (String id : keep) {
      if (id != null) {
        query.append(" AND -").append(MODEL).append(':').append(ClientUtils.escapeQueryChars(id));
      }
    }
    client.deleteByQuery(collection, query.toString());
  }

  private static double hyperparameter(ModelDirectory.Model model, String name) {
    Object value = model.manifest().hyperparameters().get(name);
    if (!(value instanceof Number n)) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "model %s: manifest.json has no numeric hyperparameter '%s' (session fold-in needs"
                  + " it); retrain with this version of the trainer",
              model.manifest().modelId(),
              name));
    }
    return n.doubleValue();
  }
}
