package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;

/**
 * The driver's side of a publish whose item and profile writes run elsewhere (Spark executors,
 * through {@link PartitionWriter}): the same checks, lock, slot choice, counts, stale-value
 * clearing, missing-items list and switch (or candidate record) as {@link ModelPublisher}, around
 * the caller's {@link Writes}.
 *
 * <pre>{@code
 * try (PublishSession session =
 *     PublishSession.open(client, target, options, model, listener, candidate)) {
 *   PublishReport report = session.publish(writes); // writes: executors' PartitionWriter parts
 * }
 * }</pre>
 *
 * Killed at any point, the active model is whole: nothing that queries read changes before the one
 * pointer update of the switch, and a rerun rewrites the same values. A switch written but not
 * committed is committed by the rerun ({@link ActiveModelChecks}).
 */
public final class PublishSession implements AutoCloseable {
  /** The writes that run elsewhere, each part through a {@link PartitionWriter}. */
  public interface Writes {
    /**
     * Writes every item of the model into the session's slot ({@link #itemDocument}, {@link
     * PartitionWriter#writeItems}).
     *
     * @return the ids Solr skipped (no catalog document), from every part
     */
    Set<String> items(PublishSession session) throws IOException, SolrServerException;

    /** Writes every profile ({@link #profileDocument}, {@link PartitionWriter#writeProfiles}). */
    void profiles(PublishSession session) throws IOException, SolrServerException;
  }

  private final LockedPublish held;
  private final SolrClient client;
  private final SolrTarget target;
  private final PublishOptions options;
  private final PublishListener listener;
  private final ModelDirectory.Model model;
  private final UsersStoreWriter users;
  private final CatalogQueries catalog;
  private final PublishLock lock;
  private final String modelId;

  /** The tag written beside the item fields ({@link ModelFields#modelTag}). */
  private final long modelTag;

  private final String slot;
  private final String previous;
  private final UsersStoreWriter.PointerRead pointerRead;

  /** The report when there is nothing to write ({@link ActiveModelChecks}), else null. */
  private final PublishReport done;

  private boolean wrote;
  private long itemsWritten;
  private long itemsAlreadyWritten;
  private long itemsCleared;
  private List<String> itemsMissing = List.of();

  private PublishSession(LockedPublish held) throws IOException, SolrServerException {
    this.held = held;
    this.client = held.stores().client();
    this.target = held.stores().target();
    this.options = held.options();
    this.listener = held.listener();
    this.model = held.model();
    this.users = held.stores().users();
    this.catalog = held.stores().catalog();
    this.lock = held.lock();
    this.modelId = held.modelId();
    this.modelTag = ModelFields.modelTag(modelId);
    LockedPublish.SlotChoice choice = held.readPointer(() -> wrote = true);
    this.pointerRead = choice.pointer();
    this.done = choice.done();
    this.slot = choice.slot();
    this.previous = choice.previous();
  }

  /**
   * Checks the model and the catalog, takes the lock, reads the active model and chooses the slot.
   *
   * @param candidate record the model as the candidate ({@code publish --candidate}) instead of
   *     switching to it
   * @throws PublishRefusedException as {@link ModelPublisher#publish}
   * @throws PublishFailedException Solr failed before anything was written
   */
  public static PublishSession open(
      SolrClient client,
      SolrTarget target,
      PublishOptions options,
      ModelDirectory.Model model,
      PublishListener listener,
      boolean candidate)
      throws PublishFailedException {
    LockedPublish held = LockedPublish.take(client, target, options, listener, model, candidate);
    try {
      return new PublishSession(held);
    } catch (IOException | SolrServerException | SolrException e) {
      held.lock().close();
      throw PublishChecks.failedBeforeWriting(held.modelId(), e);
    } catch (RuntimeException e) {
      held.lock().close();
      throw e;
    }
  }

  /** The catalog slot the model is written into. */
  public String slot() {
    return slot;
  }

  /**
   * The writer of a part of the items ({@link PartitionWriter#writeItems}); its {@link
   * PartitionWriter#uniqueKey} is the catalog's.
   */
  public PartitionWriter itemWriter() {
    return partitionWriter(catalog.uniqueKey());
  }

  /**
   * The writer of a part of the profiles ({@link PartitionWriter#writeProfiles}); its {@link
   * PartitionWriter#uniqueKey} is the users store's.
   */
  public PartitionWriter profileWriter() {
    return partitionWriter(users.uniqueKey());
  }

  private PartitionWriter partitionWriter(String uniqueKey) {
    return new PartitionWriter(
        target, uniqueKey, lock.owner(), users.uniqueKey(), options.batchSize());
  }

  /** The catalog item update of model row {@code row}, as {@link ModelPublisher} writes it. */
  public SolrInputDocument itemDocument(int row) {
    return SlotWrites.itemDocument(model, row, catalog.uniqueKey(), slot, modelTag);
  }

  /**
   * The profile document of user row {@code row}, as {@link ModelPublisher} writes it: with the
   * user's {@link PublishOptions#seenMax} most recent items.
   */
  public SolrInputDocument profileDocument(int row) {
    return users.userDocument(model, row);
  }

  /**
   * Writes the model through {@code writes} (unless it is active already), then commits, checks and
   * switches, or records the candidate. On failure the message says what the store holds, as {@link
   * ModelPublisher#publish}'s.
   *
   * @throws PublishRefusedException the store does not allow the switch, or the lock was lost
   * @throws PublishFailedException Solr or a write failed
   */
  public PublishReport publish(Writes writes) throws PublishFailedException {
    if (done != null) {
      return done;
    }
    try {
      listener.atPhase(PublishPhase.CATALOG);
      lock.verify();
      itemsAlreadyWritten = catalog.count(CatalogQueries.holds(slot, modelTag));
      wrote = true;
      Set<String> skipped = writes.items(this);
      itemsWritten(skipped);
      held.beforeProfiles(slot, previous, itemsWritten, Instant.now());
      writes.profiles(this);
      new PointerSwitch(held).commitAndSwitch(pointerRead, previous, slot);
      WrittenSlot.writeMissingItems(options, itemsMissing);
      return report(itemsWritten, model.userIds().size());
    } catch (PublishRefusedException e) {
      throw PublishChecks.refusedAfterLock(e, wrote, held::storeState);
    } catch (IOException | SolrServerException | RuntimeException e) {
      throw PublishChecks.failedAfterLock(modelId, e, wrote, held::storeState);
    }
  }

  /**
   * After the items were written: commits the catalog and counts the documents that hold the model;
   * refuses to go on when the catalog changed meanwhile or too few items have a document; clears
   * the slot's values of an older model on documents this one does not have.
   */
  private void itemsWritten(Set<String> skipped) throws IOException, SolrServerException {
    lock.verify();
    client.commit(target.catalog(), true, true);
    long written = catalog.count(CatalogQueries.holds(slot, modelTag));
    WrittenSlot idle = new WrittenSlot(held, slot);
    idle.checkCount(written, skipped);
    idle.checkCoverage(written, skipped);
    itemsCleared = idle.clearStale();
    itemsWritten = written;
    itemsMissing = idle.inModelOrder(skipped);
  }

  private PublishReport report(long items, long profiles) throws IOException, SolrServerException {
    return new PublishReport(
        modelId,
        slot,
        previous,
        items,
        itemsAlreadyWritten,
        itemsMissing.size(),
        catalog.count() - items,
        itemsCleared,
        profiles,
        (System.nanoTime() - held.start()) / 1e9,
        false,
        false,
        held.candidate(),
        PointerTransitions.overwritten(pointerRead.pointer(), held.candidate()));
  }

  /** Releases the lock. */
  @Override
  public void close() {
    lock.close();
  }
}
