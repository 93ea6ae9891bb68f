package org.solrpersonalize.trainer.publish;

/** Observes a publish as it goes (progress display, tests that interrupt it part way). */
public interface PublishListener {
  PublishListener NONE = new PublishListener() {};

  /**
   * A phase starts: {@code scan}, {@code users}, {@code catalog}, {@code commit}, {@code switch}.
   */
  default void onPhase(String phase, long total) {}

  /** One batch of documents was acknowledged by Solr. */
  default void onBatchWritten(String phase, int documents) {}

  /** Something the user should know that is not an error, e.g. a stale lock taken over. */
  default void onNotice(String message) {}

  /**
   * The publish reached {@code phase}, on the publishing thread. A test hook: blocking here pauses
   * the publish at that point, throwing stops it there as a kill would (the lock is released).
   */
  default void atPhase(PublishPhase phase) {}

  /**
   * The lock's heartbeat is about to beat, on the heartbeat thread. A test hook: blocking here
   * (together with {@link #atPhase}) freezes the publish as a stopped process, whose lock then goes
   * stale.
   */
  default void beforeHeartbeat() {}
}
