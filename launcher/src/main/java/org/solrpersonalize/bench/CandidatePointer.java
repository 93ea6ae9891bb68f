package org.solrpersonalize.bench;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelFields;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * Makes a published model the candidate of the one published before it, for the interleaved row
 * (g): after a plain publish of the candidate (which switched to it), the pointer is written back
 * to the previous active model, naming the new one as its candidate. The previous model's slot and
 * profiles are intact (a publish keeps the model it switches away from). {@code publish
 * --candidate} does this in one step once it exists in the trainer.
 */
final class CandidatePointer {
  private CandidatePointer() {}

  /** The users store's pointer now. */
  static UsersStoreDocuments.Pointer read(SolrClient client, String users) throws Exception {
    SolrDocument doc = client.getById(users, ModelFields.ACTIVE_DOC_ID);
    if (doc == null) {
      throw new IllegalStateException("users store '" + users + "' has no active model");
    }
    return UsersStoreDocuments.Pointer.read(doc::getFirstValue);
  }

  /** Points {@code users} back at {@code active} with the current active model as its candidate. */
  static void restoreWithCandidate(
      SolrClient client, String users, UsersStoreDocuments.SlotModel active) throws Exception {
    UsersStoreDocuments.Pointer now = read(client, users);
    UsersStoreDocuments.Pointer pointer =
        new UsersStoreDocuments.Pointer(active.modelId(), active.slot(), now.active(), null);
    SolrInputDocument doc = new SolrInputDocument();
    pointer.toFields("id").forEach(doc::setField);
    client.add(users, doc);
    client.commit(users, true, true);
  }
}
