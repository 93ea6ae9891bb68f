package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrServerException;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * What a publish checks under the lock, after reading the pointer and before writing anything: a
 * switch an earlier publish wrote but did not commit (committed now, once its model is counted
 * whole), a candidate that cannot be taken, a model that is active already, a model of another
 * format or dimensions than the active one ({@link #checkCompatible}). {@link ModelPublisher} and a
 * Spark publish's {@link PublishSession} both start with it ({@link LockedPublish#readPointer}).
 */
record ActiveModelChecks(
    TargetStores stores,
    PublishOptions options,
    PublishListener listener,
    PublishLock lock,
    ModelDirectory.Model model) {

  /**
   * The report of a publish that has nothing to write: the model is active already, or its switch
   * was written but not committed and is committed now. Null when the model must be written.
   *
   * @param active the latest pointer's active model
   * @param candidate a {@code --candidate} publish: refused when there is no active model or the
   *     model is the active one
   * @param beforeCommit runs before this commits an earlier publish's switch (the store changes)
   */
  PublishReport nothingToWrite(
      Optional<ActiveModel> active, boolean candidate, long start, Runnable beforeCommit)
      throws IOException, SolrServerException {
    String modelId = model.manifest().modelId();
    if (active.isPresent()) {
      PublishReport completed = commitPendingSwitch(active.get(), start, beforeCommit);
      if (completed != null) {
        return completed;
      }
    }
    if (candidate) {
      PointerTransitions.checkCanTake(stores.target().users(), modelId, active);
    }
    if (active.isEmpty() || !active.get().modelId().equals(modelId)) {
      return null;
    }
    checkStillWhole(active.get().slot());
    return new PublishReport(
        modelId,
        active.get().slot(),
        modelId,
        0,
        0,
        0,
        0,
        0,
        0,
        (System.nanoTime() - start) / 1e9,
        true,
        false,
        false,
        null);
  }

  /**
   * The latest pointer names {@code latest} but the committed one does not: an earlier publish
   * switched and stopped before its commit. Everything it wrote was committed before its switch, so
   * the switch is committed now (after counting that the model is there), as the next commit of
   * anyone would. Returns the report when that model is the one being published, else null.
   */
  private PublishReport commitPendingSwitch(ActiveModel latest, long start, Runnable beforeCommit)
      throws IOException, SolrServerException {
    Optional<UsersStoreDocuments.Pointer> committed = stores.users().committedPointer();
    if (committed.isPresent()
        && committed.get().modelId().equals(latest.modelId())
        && committed.get().slot().equals(latest.slot())) {
      return null;
    }
    long profiles = stores.users().userCount(latest.modelId());
    long documents = stores.catalog().countHolding(latest.slot(), latest.modelId());
    String modelId = model.manifest().modelId();
    boolean ours = latest.modelId().equals(modelId);
    if (profiles == 0
        || documents == 0
        || (ours && profiles != model.userIds().size())
        || (ours && documents < options.minimumItems(model.itemIds().size()))) {
      throw PublishChecks.refused(
          "users store '%s' has an uncommitted switch to model %s (slot %s) that an earlier"
              + " run did not commit, but only %,d profiles and %,d catalog documents hold"
              + " that model: it is not whole. Nothing was written; the committed active"
              + " model is %s. Write the pointer back to the committed model, or publish"
              + " model %s again once the uncommitted pointer is gone",
          stores.target().users(),
          latest.modelId(),
          latest.slot(),
          profiles,
          documents,
          committed.map(p -> p.modelId() + " in slot " + p.slot()).orElse("none"),
          latest.modelId());
    }
    lock.verify();
    beforeCommit.run();
    stores.client().commit(stores.target().users(), true, true);
    PublishChecks.requireCommittedPointer(stores.users(), latest.modelId(), latest.slot());
    if (!ours) {
      listener.onNotice(
          String.format(
              Locale.ROOT,
              "committed the switch to model %s (slot %s) that an earlier publish made but did"
                  + " not commit (%,d profiles and %,d catalog documents hold it)",
              latest.modelId(),
              latest.slot(),
              profiles,
              documents));
      return null;
    }
    return new PublishReport(
        modelId,
        latest.slot(),
        committed.map(UsersStoreDocuments.Pointer::modelId).orElse(null),
        documents,
        documents,
        0,
        stores.catalog().count() - documents,
        0,
        profiles,
        (System.nanoTime() - start) / 1e9,
        true,
        true,
        false,
        null);
  }

  /**
   * Before saying an active model needs nothing: its profiles and catalog documents are still there
   * (a store changed outside publish would make "nothing to do" untrue).
   */
  private void checkStillWhole(String slot) throws IOException, SolrServerException {
    String modelId = model.manifest().modelId();
    long profiles = stores.users().userCount(modelId);
    long documents = stores.catalog().countHolding(slot, modelId);
    if (profiles != model.userIds().size()
        || documents < options.minimumItems(model.itemIds().size())) {
      throw PublishChecks.refused(
          "model %s is active (slot %s) but only %,d profiles (of %,d) and %,d catalog"
              + " documents hold it: the store was changed outside publish. Nothing was"
              + " written; publish another model, then this one again",
          modelId, slot, profiles, model.userIds().size(), documents);
    }
  }

  /**
   * Refuses a model of another format version than the active one's, or (without {@code
   * --allow-dimension-change}) of other factors or clusters.
   */
  void checkCompatible(ActiveModel active) {
    var m = model.manifest();
    if (active.formatVersion() != m.formatVersion()) {
      throw PublishChecks.refused(
          "model %s has format version %d but the active model %s has %d; nothing was written",
          m.modelId(), m.formatVersion(), active.modelId(), active.formatVersion());
    }
    if (!options.allowDimensionChange()
        && (active.factors() != m.factors() || active.clusters() != m.clusters())) {
      throw PublishChecks.refused(
          "model %s has %d factors and %d clusters but the active model %s has %d and %d;"
              + " nothing was written (pass --allow-dimension-change to publish it anyway)",
          m.modelId(),
          m.factors(),
          m.clusters(),
          active.modelId(),
          active.factors(),
          active.clusters());
    }
  }
}
