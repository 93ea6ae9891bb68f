package org.solrpersonalize.trainer.publish;

import static org.solrpersonalize.format.ModelFields.*;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.MalformedUsersStoreDocumentException;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelManifest;
import org.solrpersonalize.format.UsersStoreDocuments;
import org.solrpersonalize.math.AlsFoldIn;

/**
 * The users store as the publisher sees it: the active-model pointer, one constants document per
 * model, and the user profiles, written and read through {@link UsersStoreDocuments} (layout in
 * {@link org.solrpersonalize.format.ModelFields}).
 */
final class UsersStoreWriter {
  private final SolrClient client;
  private final String collection;
  private final String uniqueKey;

  /**
   * @param uniqueKey the users schema's unique key field
   */
  UsersStoreWriter(SolrClient client, String collection, String uniqueKey) {
    this.client = client;
    this.collection = collection;
    this.uniqueKey = uniqueKey;
  }

  String collection() {
    return collection;
  }

  String uniqueKey() {
    return uniqueKey;
  }

  /** The active model, or empty when nothing was ever published. */
  Optional<ActiveModel> active() throws IOException, SolrServerException {
    SolrDocument pointerDoc = client.getById(collection, ACTIVE_DOC_ID);
    if (pointerDoc == null) {
      return Optional.empty();
    }
    try {
      UsersStoreDocuments.Pointer pointer =
          UsersStoreDocuments.Pointer.read(pointerDoc::getFirstValue);
      SolrDocument modelDoc = client.getById(collection, modelDocId(pointer.modelId()));
      if (modelDoc == null) {
        throw new PublishRefusedException(
            String.format(
                Locale.ROOT,
                "users store '%s': the active model '%s' has no document %s; the store is damaged:"
                    + " delete its document %s to publish as into an empty store",
                collection,
                pointer.modelId(),
                modelDocId(pointer.modelId()),
                ACTIVE_DOC_ID));
      }
      UsersStoreDocuments.PublishedModel model =
          UsersStoreDocuments.PublishedModel.read(pointer.modelId(), modelDoc::getFirstValue);
      return Optional.of(
          new ActiveModel(
              model.modelId(),
              pointer.slot(),
              model.factors(),
              model.clusters(),
              model.formatVersion()));
    } catch (MalformedUsersStoreDocumentException e) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "users store '%s' is damaged, nothing was written: %s",
              collection,
              e.getMessage()),
          e);
    }
  }

  /**
   * The per-model constants the plugin needs at query time (dimensions, mixture log weights, and
   * what session fold-in needs: {@code Y^T Y}, lambda, alpha).
   */
  SolrInputDocument modelDocument(ModelDirectory.Model model, String slot) {
    ModelManifest manifest = model.manifest();
    if (manifest.foldIn() == null) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "model %s: manifest.json has no fold-in parameters (foldIn, or numeric"
                  + " hyperparameters 'regularization' and 'alpha'); session fold-in needs them:"
                  + " retrain with this version of the trainer",
              manifest.modelId()));
    }
    double[] gram = AlsFoldIn.gram(model.itemFactors(), model.k());
    float[] storedGram = new float[gram.length];
    for (int i = 0; i < gram.length; i++) {
      storedGram[i] = (float) gram[i];
    }
    return document(
        new UsersStoreDocuments.PublishedModel(
                manifest.modelId(),
                slot,
                manifest.factors(),
                manifest.clusters(),
                model.gmmLogWeights(),
                storedGram,
                manifest.foldIn(),
                manifest.formatVersion(),
                manifest.created())
            .toFields(uniqueKey));
  }

  SolrInputDocument userDocument(ModelDirectory.Model model, int row) {
    int k = model.k();
    int clusters = model.clusters();
    return document(
        new UsersStoreDocuments.Profile(
                model.manifest().modelId(),
                model.userIds().get(row),
                Arrays.copyOfRange(model.userFactors(), row * k, (row + 1) * k),
                Arrays.copyOfRange(model.userLogAffinity(), row * clusters, (row + 1) * clusters))
            .toFields(uniqueKey));
  }

  /** The one small update that makes a model active. */
  SolrInputDocument pointerDocument(String modelId, String slot) {
    return document(new UsersStoreDocuments.Pointer(modelId, slot).toFields(uniqueKey));
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
   * Deletes the profiles and constants of every model except the ones kept: reclaims what the slot
   * about to be overwritten belonged to.
   */
  void deleteModelsExcept(String... keep) throws IOException, SolrServerException {
    StringBuilder query =
        new StringBuilder(
            "(" + DOC_TYPE + ":" + TYPE_USER + " OR " + DOC_TYPE + ":" + TYPE_MODEL + ")");
    for (String id : keep) {
      if (id != null) {
        query.append(" AND -").append(MODEL).append(':').append(ClientUtils.escapeQueryChars(id));
      }
    }
    client.deleteByQuery(collection, query.toString());
  }

  /** A SolrJ document of the codec's fields, in their order. */
  static SolrInputDocument document(Map<String, Object> fields) {
    SolrInputDocument doc = new SolrInputDocument();
    fields.forEach(doc::setField);
    return doc;
  }
}
