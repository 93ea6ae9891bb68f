package org.solrpersonalize.trainer.publish;

/**
 * A publish that was refused or stopped before the switch; the active model is untouched. The
 * message says what was wrong and what to do.
 */
public class PublishRefusedException extends RuntimeException {
  public PublishRefusedException(String message) {
    super(message);
  }

  public PublishRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
