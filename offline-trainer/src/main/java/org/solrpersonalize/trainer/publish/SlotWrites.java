package org.solrpersonalize.trainer.publish;

import java.util.Map;
import java.util.Optional;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.params.UpdateParams;
import org.solrpersonalize.format.ModelFields;

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
}
