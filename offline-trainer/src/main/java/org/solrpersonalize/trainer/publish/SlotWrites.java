package org.solrpersonalize.trainer.publish;

import java.util.Map;
import java.util.Optional;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.params.UpdateParams;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.VectorCodec;

/**
 * How a publish writes a model into a catalog slot: which slot, the update of one item, and the
 * request parameters that keep it in place. Shared by {@link ModelPublisher} and the writers of
 * {@link PartitionWriter}.
 */
public final class SlotWrites {
  private SlotWrites() {}

  /** The slot a new model goes into: the one the active model is not in ({@code a} at first). */
  public static String idleSlot(Optional<ActiveModel> active) {
    return active.map(a -> ModelFields.otherSlot(a.slot())).orElse(ModelFields.SLOT_A);
  }

  /**
   * Parameters of every item write: the {@value ModelPublisher#PUBLISH_CHAIN} chain, and in place
   * only (Solr skips, and reports, an id without a document instead of creating one).
   */
  public static ModifiableSolrParams inPlaceParams() {
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set(UpdateParams.UPDATE_CHAIN, ModelPublisher.PUBLISH_CHAIN);
    params.set(UpdateParams.REQUIRE_PARTIAL_DOC_UPDATES_INPLACE, true);
    return params;
  }

  /** The in-place update that writes one item's encoded values and the model tag into a slot. */
  public static SolrInputDocument itemDocument(
      String uniqueKey, String itemId, String slot, long modelTag, byte[] encoded) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField(uniqueKey, itemId);
    doc.setField(ModelFields.itemField(slot), Map.of("set", encoded));
    doc.setField(ModelFields.itemModelField(slot), Map.of("set", modelTag));
    return doc;
  }

  /**
   * The in-place update of model row {@code row}: its item's encoded factors and log-densities and
   * {@code modelTag} ({@link ModelFields#modelTag}, computed once per publish) into {@code slot}.
   */
  public static SolrInputDocument itemDocument(
      ModelDirectory.Model model, int row, String uniqueKey, String slot, long modelTag) {
    int k = model.k();
    int clusters = model.clusters();
    return itemDocument(
        uniqueKey,
        model.itemIds().get(row),
        slot,
        modelTag,
        VectorCodec.encode(
            model.itemFactors(), row * k, k, model.itemLogDensity(), row * clusters, clusters));
  }
}
