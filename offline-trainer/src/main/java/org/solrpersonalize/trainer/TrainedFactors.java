package org.solrpersonalize.trainer;

import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.solrpersonalize.trainer.data.CsrMatrix;
import org.solrpersonalize.trainer.eval.FactorScorer;
import org.solrpersonalize.trainer.eval.ItemScorer;

/**
 * What a factorization produced, in the form the model directory stores: for explicit models with
 * biases the published vectors are the augmented ones ({@code [x, mean + b_u, 1]} and {@code [y, 1,
 * b_i]}), so a plain dot product is the predicted rating.
 *
 * @param type manifest name of the model
 * @param k dimension of the published vectors
 * @param userFactors users x k
 * @param itemFactors items x k
 * @param latentItemFactors the item factors without bias columns (what the mixture clusters)
 * @param latentDimension their dimension
 * @param hyperparameters for the manifest
 * @param finalLoss training loss (implicit) or training RMSE (explicit) of the last iteration
 * @param rmse RMSE of the model on a ratings matrix, for explicit models; null for implicit
 */
record TrainedFactors(
    String type,
    int k,
    float[] userFactors,
    float[] itemFactors,
    float[] latentItemFactors,
    int latentDimension,
    Map<String, Object> hyperparameters,
    double finalLoss,
    ToDoubleFunction<CsrMatrix> rmse) {

  ItemScorer scorer() {
    return new FactorScorer(k, userFactors, itemFactors);
  }
}
