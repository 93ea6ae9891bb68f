package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrServerException;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * The checks and failures that {@link ModelPublisher} and {@link PublishSession} share, with the
 * same messages.
 */
final class PublishChecks {
  private PublishChecks() {}

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
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "after writing model %s, users store '%s' has %d profiles of it (expected %d);"
                  + " it was not switched to",
              modelId,
              users.collection(),
              found,
              expected));
    }
  }

  /** Reads the committed pointer back: it must name {@code expectedModel} in {@code slot}. */
  static void requireCommittedPointer(UsersStoreWriter users, String expectedModel, String slot)
      throws IOException, SolrServerException {
    Optional<UsersStoreDocuments.Pointer> committed = users.committedPointer();
    if (committed.isEmpty()
        || !committed.get().modelId().equals(expectedModel)
        || !committed.get().slot().equals(slot)) {
      throw new PublishRefusedException(
          String.format(
              Locale.ROOT,
              "after committing the switch to model %s in slot %s, the committed pointer of"
                  + " users store '%s' names %s",
              expectedModel,
              slot,
              users.collection(),
              committed.map(p -> "model " + p.modelId() + " in slot " + p.slot()).orElse("none")));
    }
  }
}
