package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * A publish that holds the lock: what {@link ModelPublisher} and {@link PublishSession} open alike
 * ({@link #take}) and then read the pointer with ({@link #readPointer}).
 *
 * @param stores the target's users store and catalog
 * @param options the publish's options
 * @param listener told of the publish's phases and notices
 * @param lock the users store's publish lock, taken for {@code model}
 * @param model the model being published, checked ({@link ModelPreconditions#check})
 * @param gram the fold-in Gram matrix the check returned
 * @param start {@link System#nanoTime} when the publish began, for the report's seconds
 * @param candidate whether the model is recorded as the candidate instead of switched to
 */
record LockedPublish(
    TargetStores stores,
    PublishOptions options,
    PublishListener listener,
    PublishLock lock,
    ModelDirectory.Model model,
    float[] gram,
    long start,
    boolean candidate) {

  /**
   * What a publish read under the lock.
   *
   * @param pointer the pointer as read, which the switch updates on condition of its version
   * @param done the report when there is nothing to write ({@link
   *     ActiveModelChecks#nothingToWrite}), else null
   * @param slot the slot the model is (or, when {@code done}, was) written into
   * @param previous the model active before (null: none)
   */
  record SlotChoice(
      UsersStoreWriter.PointerRead pointer, PublishReport done, String slot, String previous) {}

  /**
   * Checks the model, opens the stores ({@link TargetStores#openForPublish}) and takes the lock:
   * the start of every publish, {@link ModelPublisher}'s and {@link PublishSession}'s.
   *
   * @throws PublishRefusedException the model or the store does not allow the publish, or another
   *     publish holds the lock
   * @throws PublishFailedException Solr failed; nothing was written
   */
  static LockedPublish take(
      SolrClient client,
      SolrTarget target,
      PublishOptions options,
      PublishListener listener,
      ModelDirectory.Model model,
      boolean candidate)
      throws PublishFailedException {
    long start = System.nanoTime();
    String modelId = model.manifest().modelId();
    float[] gram = ModelPreconditions.check(model);
    try {
      TargetStores stores =
          TargetStores.openForPublish(client, target, options.seenMax(), model, listener);
      PublishLock lock = stores.lock(modelId, options.lockStaleAfter(), listener);
      return new LockedPublish(stores, options, listener, lock, model, gram, start, candidate);
    } catch (IOException | SolrServerException | SolrException e) {
      throw PublishChecks.failedBeforeWriting(modelId, e);
    }
  }

  String modelId() {
    return model.manifest().modelId();
  }

  /**
   * The first step under the lock: checks the lock is still held, reads the pointer, lets {@link
   * ActiveModelChecks} commit an earlier publish's switch or find the model active already, refuses
   * a model incompatible with the active one and chooses the idle slot.
   *
   * @param beforeCommit runs before an earlier publish's switch is committed (the store changes)
   */
  SlotChoice readPointer(Runnable beforeCommit) throws IOException, SolrServerException {
    listener.atPhase(PublishPhase.LOCK);
    lock.verify();
    UsersStoreWriter.PointerRead pointer = stores.users().pointer();
    Optional<ActiveModel> active = pointer.active();
    ActiveModelChecks checks = new ActiveModelChecks(stores, options, listener, lock, model);
    PublishReport done = checks.nothingToWrite(active, candidate, start, beforeCommit);
    if (done != null) {
      return new SlotChoice(pointer, done, done.slot(), done.previousModelId());
    }
    active.ifPresent(checks::checkCompatible);
    return new SlotChoice(
        pointer, null, SlotWrites.idleSlot(active), active.map(ActiveModel::modelId).orElse(null));
  }

  /**
   * Before the profiles: drops the idle slot's old model (neither {@code previous}, the active one,
   * nor this one) and writes this model's document.
   *
   * @param items the catalog documents that hold the model
   * @param publishedAt the publish time the model document records
   */
  void beforeProfiles(String slot, String previous, long items, Instant publishedAt)
      throws IOException, SolrServerException {
    UsersStoreWriter users = stores.users();
    SolrInputDocument document =
        users.modelDocument(
            model,
            slot,
            gram,
            new UsersStoreDocuments.Publication(
                publishedAt, model.userIds().size(), items, model.manifest().metrics()));
    listener.atPhase(PublishPhase.PROFILES);
    lock.verify();
    users.deleteModelsExcept(previous, modelId());
    lock.verify();
    stores.client().add(users.collection(), document);
  }

  /** What the store holds, for the message of a publish that stopped after taking the lock. */
  String storeState() {
    return PublishChecks.storeState(stores.users(), stores.catalog(), modelId(), candidate);
  }
}
