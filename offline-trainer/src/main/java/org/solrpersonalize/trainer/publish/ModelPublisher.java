package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.ModelFields;

/**
 * Publishes a model directory into Solr so that queries switch from the old model to the new one in
 * one step.
 *
 * <ol>
 *   <li>Refuse before writing anything if the model holds a value that is not finite or an id
 *       longer than one Solr term, if the catalog lacks the slot fields, or if none of a sample of
 *       the model's items has a catalog document.
 *   <li>Take the users store's publish lock (one publish at a time), THEN read the active model and
 *       choose the idle slot: what another publish switched meanwhile is seen. Every write below
 *       first checks the lock is still this publish's.
 *   <li>Write the item fields into the <em>idle</em> slot of existing catalog documents with atomic
 *       {@code set} updates, which Solr applies in place because the slot fields are docValues-only
 *       ({@code InPlaceBinaryField} and a long tag): no other field of the document is read or
 *       rewritten, and the catalog is not re-sent. Queries keep reading the active slot, untouched.
 *       Commit, and refuse to switch to a model of which fewer items than {@code --min-coverage}
 *       (at least one) have a catalog document.
 *   <li>Write the model document and the user profiles ({@code <modelId>/<userId>}), commit, and
 *       check their count.
 *   <li>Update the pointer document {@code _pz_active_} on condition that its {@code _version_} is
 *       the one read under the lock, and commit it: the switch. Until then the old model serves
 *       whole; a publish killed before it changes nothing visible, and a rerun rewrites what was
 *       already written with the same values. A switch written but not committed is committed by
 *       the next publish. The new pointer names the replaced model as the previous one ({@code
 *       rollback}); a candidate it named was in the slot just written and is cleared.
 * </ol>
 *
 * {@link #publishCandidate} does the same writes but its pointer update records the model as the
 * candidate and leaves the active model as it is ({@link PointerTransitions}).
 *
 * <p>Every message is checked against the store before it is given: a publish that stops after
 * writing reads the committed pointer and counts what holds the active model. Documents are
 * addressed by each schema's unique key field, whatever its name.
 */
public final class ModelPublisher {
  /** The catalog's update chain for item fields (configsets/catalog/conf/solrconfig.xml). */
  public static final String PUBLISH_CHAIN = "pz-publish";

  private final SolrTarget target;
  private final PublishOptions options;
  private final PublishListener listener;
  private final Clock clock;

  public ModelPublisher(SolrTarget target, PublishOptions options, PublishListener listener) {
    this(target, options, listener, Clock.systemUTC());
  }

  /**
   * @param clock gives the publish time recorded on the model document (tests fix it)
   */
  public ModelPublisher(
      SolrTarget target, PublishOptions options, PublishListener listener, Clock clock) {
    this.target = target;
    this.options = options;
    this.listener = listener;
    this.clock = clock;
  }

  public PublishReport publish(ModelDirectory.Model model) throws IOException {
    try (SolrClient client = target.openClient()) {
      return publish(client, model);
    }
  }

  /** {@link #publishCandidate(SolrClient, ModelDirectory.Model)} with a client of its own. */
  public PublishReport publishCandidate(ModelDirectory.Model model) throws IOException {
    try (SolrClient client = target.openClient()) {
      return publishCandidate(client, model);
    }
  }

  /**
   * Publishes {@code model} as the candidate ({@code publish --candidate}): the same writes as
   * {@link #publish(SolrClient, ModelDirectory.Model)} into the idle slot, under the same lock, but
   * the conditional pointer update only records it as the candidate. The active model, its slot and
   * every response stay as they were; the model the idle slot held (the previous model, or an
   * earlier candidate) is overwritten, and the report says which.
   */
  public PublishReport publishCandidate(SolrClient client, ModelDirectory.Model model)
      throws PublishFailedException {
    return publish(client, model, true);
  }

  /**
   * Publishes with a caller-owned client (tests, the demo).
   *
   * @throws PublishRefusedException the model or the store does not allow the publish, or another
   *     publish holds or took the lock; the message says what the store holds
   * @throws PublishFailedException Solr failed; the message says what the store holds, as read
   *     after the failure
   */
  public PublishReport publish(SolrClient client, ModelDirectory.Model model)
      throws PublishFailedException {
    return publish(client, model, false);
  }

  private PublishReport publish(SolrClient client, ModelDirectory.Model model, boolean candidate)
      throws PublishFailedException {
    LockedPublish held = LockedPublish.take(client, target, options, listener, model, candidate);
    PublishLock lock = held.lock();
    String modelId = held.modelId();
    Run run = new Run(held);
    PublishReport report = null;
    try {
      report = run.publish();
      return report;
    } catch (PublishRefusedException e) {
      throw PublishChecks.refusedAfterLock(e, run.wrote, held::storeState);
    } catch (IOException | SolrServerException | RuntimeException e) {
      throw PublishChecks.failedAfterLock(modelId, e, run.wrote, held::storeState);
    } finally {
      lock.close();
      if (report != null && !report.alreadyActive() && lock.lostReason() != null) {
        listener.onNotice(
            String.format(
                Locale.ROOT,
                "after its switch was committed, this publish lost the lock before releasing it:"
                    + " %s; model %s may have been replaced since",
                lock.lostReason(),
                modelId));
      }
    }
  }

  /** One publish under the lock, and what it wrote so far. */
  private final class Run {
    private final LockedPublish held;
    private final SolrClient client;
    private final UsersStoreWriter users;
    private final CatalogQueries catalog;
    private final PublishLock lock;
    private final ModelDirectory.Model model;
    private final String modelId;
    private boolean wrote;

    Run(LockedPublish held) {
      this.held = held;
      this.client = held.stores().client();
      this.users = held.stores().users();
      this.catalog = held.stores().catalog();
      this.lock = held.lock();
      this.model = held.model();
      this.modelId = held.modelId();
    }

    PublishReport publish() throws IOException, SolrServerException {
      LockedPublish.SlotChoice choice = held.readPointer(() -> wrote = true);
      if (choice.done() != null) {
        return choice.done();
      }
      UsersStoreWriter.PointerRead pointer = choice.pointer();
      String slot = choice.slot();
      String previous = choice.previous();
      String overwritten = PointerTransitions.overwritten(pointer.pointer(), held.candidate());

      listener.atPhase(PublishPhase.CATALOG);
      CatalogWrite items = writeCatalog(slot);
      held.beforeProfiles(slot, previous, items.written(), clock.instant());
      listener.onPhase("users", model.userIds().size());
      try (BatchWriter writer =
          new BatchWriter(users.destination(), "users", options, listener, lock::verify, null)) {
        for (int u = 0; u < model.userIds().size(); u++) {
          writer.add(users.userDocument(model, u));
        }
        writer.finish();
      }

      new PointerSwitch(held).commitAndSwitch(pointer, previous, slot);

      WrittenSlot.writeMissingItems(options, items.missing());
      return new PublishReport(
          modelId,
          slot,
          previous,
          items.written(),
          items.alreadyWritten(),
          items.missing().size(),
          items.withoutFactors(),
          items.cleared(),
          model.userIds().size(),
          seconds(held.start()),
          false,
          false,
          held.candidate(),
          overwritten);
    }

    private record CatalogWrite(
        long written,
        long alreadyWritten,
        List<String> missing,
        long withoutFactors,
        long cleared) {}

    /**
     * Writes the model's item fields into {@code slot} of the catalog documents and commits.
     *
     * <p>Items go through the catalog's {@code pz-publish} chain as in-place updates that must stay
     * in place ({@code update.partial.requireInPlace}): Solr updates only documents that exist, and
     * its tolerant processor reports the ids it skipped instead of failing their batch. So no
     * catalog id is read beforehand; the skipped ids are the items missing from the catalog. A
     * skipped id whose document exists after all (added meanwhile) is written again, and a count by
     * model tag catches documents re-added without the fields during the publish. Rewriting a
     * document that already holds the model writes the same values, so a rerun of a killed publish
     * completes it.
     */
    private CatalogWrite writeCatalog(String slot) throws IOException, SolrServerException {
      long modelTag = ModelFields.modelTag(model.manifest().modelId());
      String holdsModel = CatalogQueries.holds(slot, modelTag);
      long already = catalog.count(holdsModel);

      listener.onPhase("catalog", model.itemIds().size());
      wrote = true;
      Set<String> missing =
          new HashSet<>(
              writeItems(slot, modelTag, IntStream.range(0, model.itemIds().size())).keySet());
      lock.verify();
      client.commit(target.catalog(), true, true);
      rewriteExisting(slot, modelTag, missing);

      long written = catalog.count(holdsModel);
      WrittenSlot idle = new WrittenSlot(held, slot);
      if (written + missing.size() != model.itemIds().size()) {
        // Some documents lost the fields after being written: re-added by their indexer.
        listener.onPhase("re-added items", -1);
        Set<String> holding = catalog.ids(holdsModel);
        Set<String> lacking = new HashSet<>();
        for (String id : model.itemIds()) {
          if (!holding.contains(id) && !missing.contains(id)) {
            lacking.add(id);
          }
        }
        rewriteExisting(slot, modelTag, lacking);
        missing.addAll(lacking);
        written = catalog.count(holdsModel);
        idle.checkCount(written, missing);
      }

      idle.checkCoverage(written, missing);
      long cleared = idle.clearStale();
      long withoutFactors = catalog.count() - written;
      return new CatalogWrite(
          written, already, idle.inModelOrder(missing), withoutFactors, cleared);
    }

    /**
     * Writes again the items among {@code candidates} whose documents exist, removing them from
     * {@code candidates}; refuses if Solr skips an existing document again (it cannot update it in
     * place: a catalog schema other than the project's).
     */
    private void rewriteExisting(String slot, long modelTag, Set<String> candidates)
        throws IOException, SolrServerException {
      if (candidates.isEmpty()) {
        return;
      }
      List<String> existing = catalog.existing(candidates);
      if (existing.isEmpty()) {
        return;
      }
      Set<String> existingIds = new HashSet<>(existing);
      IntStream rows =
          IntStream.range(0, model.itemIds().size())
              .filter(i -> existingIds.contains(model.itemIds().get(i)));
      Map<String, String> skippedAgain = writeItems(slot, modelTag, rows);
      lock.verify();
      client.commit(target.catalog(), true, true);
      List<String> stillExisting = catalog.existing(skippedAgain.keySet());
      if (!stillExisting.isEmpty()) {
        String id = stillExisting.get(0);
        throw new PublishRefusedException(
            String.format(
                Locale.ROOT,
                "catalog '%s' has document '%s' but Solr did not update its model fields in place"
                    + " (%s); the slot fields must be indexed=\"false\" stored=\"false\""
                    + " docValues=\"true\" with the types of configsets/catalog. The active model"
                    + " is unchanged",
                target.catalog(),
                id,
                skippedAgain.get(id)));
      }
      candidates.removeAll(existingIds);
    }

    /**
     * Writes the items of the given model rows, in stream order (consumed here); returns the ids
     * Solr skipped, with its message.
     */
    private Map<String, String> writeItems(String slot, long modelTag, IntStream rows) {
      ModifiableSolrParams params = SlotWrites.inPlaceParams();
      try (BatchWriter writer =
          new BatchWriter(
              catalog.destination(), "catalog", options, listener, lock::verify, params)) {
        rows.forEach(
            i ->
                writer.add(SlotWrites.itemDocument(model, i, catalog.uniqueKey(), slot, modelTag)));
        writer.finish();
        return writer.skipped();
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
