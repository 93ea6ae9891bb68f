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
}
