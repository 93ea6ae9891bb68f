package org.solrpersonalize.trainer.publish;

/**
 * The points of a publish where {@link PublishListener#atPhase} is told, in order. Each is a state
 * the store can be left in by a publish killed there; the fault-injection tests pause or stop a
 * publish at each.
 */
public enum PublishPhase {
  /** The lock is taken; the active model is not read yet. */
  LOCK,
  /** The active model and the idle slot are chosen; nothing is written yet. */
  CATALOG,
  /** The idle slot holds the model and is committed; no profile is written yet. */
  PROFILES,
  /** Profiles and the model document are sent, not committed. */
  COMMIT,
  /** Everything is committed and counted; the pointer still names the previous model. */
  SWITCH,
  /**
   * The pointer names the new model (or, for a candidate publish, the candidate) but is not
   * committed: queries still use the previous pointer.
   */
  SWITCH_COMMIT,
  /** The switch is committed; the lock is still held. */
  RELEASE
}
