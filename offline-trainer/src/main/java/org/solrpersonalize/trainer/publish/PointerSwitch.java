package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.solrpersonalize.format.ModelDirectory;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * The end of a publish, once its items and profiles are written: commit the profiles and count
 * them, update the pointer on condition of the version read under the lock, commit it and read it
 * back. {@link ModelPublisher} and a Spark publish's {@link PublishSession} both end with it; the
 * lock is checked before each step.
 */
record PointerSwitch(
    SolrClient client, UsersStoreWriter users, PublishListener listener, PublishLock lock) {

  /**
   * Switches to {@code model} in {@code slot}, or records it as the candidate.
   *
   * @param read the pointer as read under the lock, and its version
   * @param previous the active model it named (for the message when it changed), or null
   * @throws PublishRefusedException too few profiles, the pointer changed since it was read, or the
   *     committed pointer is not the one written
   */
  void commitAndSwitch(
      ModelDirectory.Model model,
      UsersStoreWriter.PointerRead read,
      String previous,
      String slot,
      boolean candidate)
      throws IOException, SolrServerException {
    String modelId = model.manifest().modelId();
    listener.atPhase(PublishPhase.COMMIT);
    listener.onPhase("commit", -1);
    lock.verify();
    client.commit(users.collection(), true, true);
    PublishChecks.requireProfiles(users, modelId, model.userIds().size());

    listener.atPhase(PublishPhase.SWITCH);
    listener.onPhase("switch", -1);
    lock.verify();
    UsersStoreDocuments.Pointer next =
        PointerTransitions.next(read.pointer(), modelId, slot, candidate);
    if (!users.switchPointer(next, read.version())) {
      throw PublishChecks.pointerChanged(users, previous, modelId, slot, candidate);
    }
    listener.atPhase(PublishPhase.SWITCH_COMMIT);
    lock.verify();
    client.commit(users.collection(), true, true);
    PublishChecks.requireCommittedSwitch(users, modelId, next, candidate);
    listener.atPhase(PublishPhase.RELEASE);
  }
}
