package org.solrpersonalize.trainer.publish;

import java.io.IOException;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.solrpersonalize.format.UsersStoreDocuments;

/**
 * The end of a publish, once its items and profiles are written: commit the profiles and count
 * them, update the pointer on condition of the version read under the lock, commit it and read it
 * back. {@link ModelPublisher} and a Spark publish's {@link PublishSession} both end with it; the
 * lock is checked before each step.
 */
record PointerSwitch(LockedPublish held) {

  /**
   * Switches to the held model in {@code slot}, or records it as the candidate.
   *
   * @param read the pointer as read under the lock, and its version
   * @param previous the active model it named (for the message when it changed), or null
   * @throws PublishRefusedException too few profiles, the pointer changed since it was read, or the
   *     committed pointer is not the one written
   */
  void commitAndSwitch(UsersStoreWriter.PointerRead read, String previous, String slot)
      throws IOException, SolrServerException {
    SolrClient client = held.stores().client();
    UsersStoreWriter users = held.stores().users();
    PublishListener listener = held.listener();
    PublishLock lock = held.lock();
    String modelId = held.modelId();
    boolean candidate = held.candidate();
    listener.atPhase(PublishPhase.COMMIT);
    listener.onPhase("commit", -1);
    lock.verify();
    client.commit(users.collection(), true, true);
    PublishChecks.requireProfiles(users, modelId, held.model().userIds().size());

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
