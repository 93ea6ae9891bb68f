package org.solrpersonalize.trainer.publish;

/** The publish's lock was taken over by another publish: it stopped writing. */
public class PublishLockLostException extends PublishRefusedException {
  public PublishLockLostException(String message) {
    super(message);
  }
}
