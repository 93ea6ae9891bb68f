package org.solrpersonalize.solr.store;

import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * What a query needs to know about one published model (its {@code _pz_model_/<id>} document, read
 * by {@link UsersStoreDocuments.PublishedModel}).
 *
 * @param modelId model id, written on every catalog slot field and profile of the model
 * @param slot catalog slot holding the model's item fields
 * @param factors latent dimension k
 * @param clusters mixture components K (0: no cluster part)
 * @param logWeights log pi_k of the mixture, K values
 * @param gram {@code Y^T Y}, k x k row-major, for session fold-in
 * @param regularization ALS lambda, for session fold-in
 * @param alpha ALS confidence scale, for session fold-in
 */
public record ModelConstants(
    String modelId,
    String slot,
    int factors,
    int clusters,
    float[] logWeights,
    double[] gram,
    double regularization,
    double alpha) {

  /** The query-side form of a constants document: the gram matrix widened to double. */
  public static ModelConstants of(UsersStoreDocuments.PublishedModel model) {
    float[] stored = model.gram();
    double[] gram = new double[stored.length];
    for (int i = 0; i < gram.length; i++) {
      gram[i] = stored[i];
    }
    return new ModelConstants(
        model.modelId(),
        model.slot(),
        model.factors(),
        model.clusters(),
        model.logWeights(),
        gram,
        model.foldIn().regularization(),
        model.foldIn().alpha());
  }
}
