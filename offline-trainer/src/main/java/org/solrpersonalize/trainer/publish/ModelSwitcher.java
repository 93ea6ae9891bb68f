package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.solrpersonalize.format.MalformedUsersStoreDocumentException;
import org.solrpersonalize.format.UsersStoreDocuments.Pointer;
import org.solrpersonalize.format.UsersStoreDocuments.SlotModel;

/**
 * {@code promote} and {@code rollback}: one conditional update of the pointer document, no data
 * rewritten. Each takes the publish lock (so no publish writes into the slot it switches to), reads
 * the pointer, checks that the slot of the model it makes active still holds it whole ({@link
 * SlotContents}), writes the new pointer on condition that its {@code _version_} is the one read,
 * commits, and checks the committed pointer. Example:
 *
 * <pre>{@code
 * SwitchReport r = new ModelSwitcher(target, Duration.ofSeconds(60), PublishListener.NONE)
 *     .promote(client);
 * // "promoted candidate m3: it is active in slot a; model m2 (slot b) is the previous model"
 * }</pre>
 *
 * @param lockStaleAfter a lock that does not change for this long belongs to a dead publish
 */
public record ModelSwitcher(SolrTarget target, Duration lockStaleAfter, PublishListener listener) {
  /** What a switch does with the pointer it read. */
  private enum Move {
    PROMOTE,
    ROLLBACK
  }

  public SwitchReport promote() throws IOException {
    try (SolrClient client = target.openClient()) {
      return promote(client);
    }
  }

  public SwitchReport rollback() throws IOException {
    try (SolrClient client = target.openClient()) {
      return rollback(client);
    }
  }

  /**
   * Makes the candidate active; the active model becomes the previous one.
   *
   * @throws PublishRefusedException no candidate, its slot no longer holds it whole, the lock is
   *     held, or the pointer changed under the lock; the message names the active model, unchanged
   */
  public SwitchReport promote(SolrClient client) throws PublishFailedException {
    return move(client, Move.PROMOTE);
  }

  /**
   * Makes the previous model active again while its slot still holds it; the active model becomes
   * the previous one, so a second rollback goes forward again.
   *
   * @throws PublishRefusedException no previous model, or its slot was overwritten (the message
   *     names the model that overwrote it and when it was published), or the lock is held
   */
  public SwitchReport rollback(SolrClient client) throws PublishFailedException {
    return move(client, Move.ROLLBACK);
  }

  private SwitchReport move(SolrClient client, Move move) throws PublishFailedException {
    long start = System.nanoTime();
    String command = move.name().toLowerCase(Locale.ROOT);
    UsersStoreWriter users;
    PublishLock lock;
    try {
      TargetStores stores = TargetStores.open(client, target);
      users = stores.users();
      String lockLabel =
          users
              .latestPointer()
              .flatMap(p -> targetOf(p, move))
              .map(SlotModel::modelId)
              .orElse(command);
      lock = stores.lock(lockLabel, lockStaleAfter, listener);
      try (lock) {
        return moveUnderLock(
            client, users, new SlotContents(users, stores.catalog()), lock, move, start);
      }
    } catch (MalformedUsersStoreDocumentException e) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "users store '%s' is damaged, nothing was switched: %s",
              target.users(),
              e.getMessage()),
          e);
    } catch (IOException | SolrServerException | SolrException e) {
      throw new PublishFailedException(
          String.format(Locale.ROOT, "%s failed: %s", command, e.getMessage()), e);
    }
  }

  private SwitchReport moveUnderLock(
      SolrClient client,
      UsersStoreWriter users,
      SlotContents slots,
      PublishLock lock,
      Move move,
      long start)
      throws IOException, SolrServerException {
    lock.verify();
    UsersStoreWriter.PointerRead read = users.pointer();
    if (read.pointer().isEmpty()) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "users store '%s' has no active model: nothing to %s",
              target.users(),
              move == Move.PROMOTE ? "promote" : "roll back"));
    }
    Pointer current = read.pointer().get();
    String unchanged =
        String.format(
            Locale.ROOT,
            "the active model %s (slot %s) is unchanged",
            current.modelId(),
            current.slot());
    Optional<SlotModel> to = targetOf(current, move);
    if (to.isEmpty()) {
      throw new PublishRefusedException(
          move == Move.PROMOTE
              ? String.format(
                  Locale.ROOT,
                  "users store '%s' has no candidate model to promote: publish one with publish"
                      + " --candidate; %s",
                  target.users(),
                  unchanged)
              : String.format(
                  Locale.ROOT,
                  "users store '%s' has no previous model to roll back to; %s",
                  target.users(),
                  unchanged));
    }
    Optional<String> notWhole = slots.whyNotWhole(to.get());
    if (notWhole.isPresent()) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "cannot %s model %s: %s; %s",
              move == Move.PROMOTE ? "promote the candidate" : "roll back to",
              to.get().modelId(),
              notWhole.get(),
              unchanged));
    }
    Pointer next =
        move == Move.PROMOTE
            ? PointerTransitions.promote(current)
            : PointerTransitions.rollback(current);
    lock.verify();
    if (!users.switchPointer(next, read.version())) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "the pointer of users store '%s' changed since it was read under the lock (it named"
                  + " %s): someone switched models without the lock. Nothing was switched",
              target.users(),
              PointerTransitions.describe(current)));
    }
    lock.verify();
    client.commit(target.users(), true, true);
    Optional<Pointer> committed = users.committedPointer();
    if (!committed.equals(Optional.of(next))) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "after committing %s, the committed pointer of users store '%s' names %s",
              PointerTransitions.describe(next),
              target.users(),
              committed.map(PointerTransitions::describe).orElse("none")));
    }
    return new SwitchReport(
        move == Move.PROMOTE ? SwitchReport.Kind.PROMOTE : SwitchReport.Kind.ROLLBACK,
        next.active(),
        next.previous(),
        (System.nanoTime() - start) / 1e9);
  }

  private static Optional<SlotModel> targetOf(Pointer pointer, Move move) {
    return move == Move.PROMOTE ? pointer.candidateModel() : pointer.previousModel();
  }
}
