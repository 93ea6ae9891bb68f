package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.solr.client.solrj.SolrServerException;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * The checks and failures that {@link ModelPublisher} and {@link PublishSession} share, with the
 * same messages.
 */
final class PublishChecks {
  private PublishChecks() {}

  /** A refusal whose message is {@code message} formatted in the root locale. */
  static PublishRefusedException refused(String message, Object... args) {
    return new PublishRefusedException(String.format(Locale.ROOT, message, args));
  }

  /** Solr failed before this publish wrote anything. */
  static PublishFailedException failedBeforeWriting(String modelId, Exception e) {
    return new PublishFailedException(
        String.format(
            Locale.ROOT,
            "publish of model %s failed before writing anything: %s; the active model is"
                + " unchanged",
            modelId,
            e.getMessage()),
        e);
  }

  /** Refuses to switch when the committed profiles of {@code modelId} are not {@code expected}. */
  static void requireProfiles(UsersStoreWriter users, String modelId, long expected)
      throws IOException, SolrServerException {
    long found = users.userCount(modelId);
    if (found != expected) {
      throw refused(
          "after writing model %s, users store '%s' has %d profiles of it (expected %d);"
              + " it was not switched to",
          modelId, users.collection(), found, expected);
    }
  }

  /** Reads the committed pointer back: it must name {@code expectedModel} in {@code slot}. */
  static void requireCommittedPointer(UsersStoreWriter users, String expectedModel, String slot)
      throws IOException, SolrServerException {
    Optional<UsersStoreDocuments.Pointer> committed = users.committedPointer();
    if (committed.isEmpty()
        || !committed.get().modelId().equals(expectedModel)
        || !committed.get().slot().equals(slot)) {
      throw refused(
          "after committing the switch to model %s in slot %s, the committed pointer of"
              + " users store '%s' names %s",
          expectedModel,
          slot,
          users.collection(),
          committed.map(p -> "model " + p.modelId() + " in slot " + p.slot()).orElse("none"));
    }
  }

  /**
   * A refusal of a publish that holds the lock: as it is when nothing was written (and the lock was
   * not lost), else with what the store holds, read back now.
   */
  static PublishRefusedException refusedAfterLock(
      PublishRefusedException e, boolean wrote, Supplier<String> storeState) {
    if (!wrote && !(e instanceof PublishLockLostException)) {
      return e;
    }
    return new PublishRefusedException(e.getMessage() + "; " + storeState.get(), e);
  }

  /** Solr failed under the lock: the message says what the store holds, read back now. */
  static PublishFailedException failedAfterLock(
      String modelId, Exception e, boolean wrote, Supplier<String> storeState) {
    return new PublishFailedException(
        String.format(
            Locale.ROOT,
            "publish of model %s stopped: %s; %s",
            modelId,
            e.getMessage(),
            wrote ? storeState.get() : "nothing was written, the active model is unchanged"),
        e);
  }

  /**
   * What the store holds, read after a publish of {@code modelId} stopped: the committed pointer
   * (what queries use), the counts of what holds that model, and a switch written but not
   * committed.
   */
  static String storeState(
      UsersStoreWriter users, CatalogQueries catalog, String modelId, boolean candidate) {
    try {
      Optional<UsersStoreDocuments.Pointer> committed = users.committedPointer();
      StringBuilder state = new StringBuilder("checked after stopping: ");
      if (committed.isEmpty()) {
        state.append("no active model is committed (queries are not personalized)");
      } else {
        UsersStoreDocuments.Pointer p = committed.get();
        state.append(
            String.format(
                Locale.ROOT,
                "the active model is %s in slot %s, held by %,d catalog documents and %,d"
                    + " profiles",
                p.modelId(),
                p.slot(),
                catalog.countHolding(p.slot(), p.modelId()),
                users.userCount(p.modelId())));
      }
      Optional<UsersStoreDocuments.Pointer> latest = users.latestPointer();
      if (candidate && latest.isPresent() && !latest.equals(committed)) {
        state.append(
            String.format(
                Locale.ROOT,
                "; the pointer naming model %s as the candidate is written but not committed:"
                    + " rerun publish --candidate to commit it",
                modelId));
      } else if (latest.isPresent() && !latest.equals(committed)) {
        state.append(
            String.format(
                Locale.ROOT,
                "; a switch to model %s in slot %s is written but not committed: rerun publish"
                    + " to check and commit it",
                latest.get().modelId(),
                latest.get().slot()));
      }
      return state.toString();
    } catch (Exception e) {
      return "the store could not be read afterwards to check the active model ("
          + e.getMessage()
          + ")";
    }
  }

  /**
   * The conditional pointer update failed: the pointer changed since this publish read it under the
   * lock.
   */
  static PublishRefusedException pointerChanged(
      UsersStoreWriter users, String previous, String modelId, String slot, boolean candidate) {
    return refused(
        "the pointer of users store '%s' changed since this publish read it under the lock"
            + " (it named %s): someone switched models without the lock. Model %s was"
            + " written into slot %s but not %s",
        users.collection(),
        previous == null ? "no model" : "model " + previous,
        modelId,
        slot,
        candidate ? "recorded as the candidate" : "switched to");
  }

  /**
   * Reads the committed pointer back after a switch: it must be {@code expected} (a candidate
   * publish), or name {@code modelId} in its slot.
   */
  static void requireCommittedSwitch(
      UsersStoreWriter users,
      String modelId,
      UsersStoreDocuments.Pointer expected,
      boolean candidate)
      throws IOException, SolrServerException {
    if (!candidate) {
      requireCommittedPointer(users, modelId, expected.slot());
      return;
    }
    Optional<UsersStoreDocuments.Pointer> committed = users.committedPointer();
    if (!committed.equals(Optional.of(expected))) {
      throw refused(
          "after committing model %s as the candidate in slot %s, the committed pointer of"
              + " users store '%s' names %s",
          modelId,
          expected.candidate().slot(),
          users.collection(),
          committed.map(PointerTransitions::describe).orElse("none"));
    }
  }
}
