package org.solrpersonalize.trainer.publish;

import org.solrpersonalize.format.ModelDirectory;

/**
 * A publish that holds the lock, before it reads the pointer: what {@link ModelPublisher} and
 * {@link PublishSession} open alike ({@link ModelPublisher#lock}).
 *
 * @param stores the target's users store and catalog
 * @param lock the users store's publish lock, taken for {@code model}
 * @param model the model being published, checked ({@link ModelPreconditions#check})
 * @param gram the fold-in Gram matrix the check returned
 * @param start {@link System#nanoTime} when the publish began, for the report's seconds
 * @param candidate whether the model is recorded as the candidate instead of switched to
 */
record LockedPublish(
    TargetStores stores,
    PublishLock lock,
    ModelDirectory.Model model,
    float[] gram,
    long start,
    boolean candidate) {

  String modelId() {
    return model.manifest().modelId();
  }

  /** What the store holds, for the message of a publish that stopped after taking the lock. */
  String storeState() {
    return PublishChecks.storeState(stores.users(), stores.catalog(), modelId(), candidate);
  }
}
