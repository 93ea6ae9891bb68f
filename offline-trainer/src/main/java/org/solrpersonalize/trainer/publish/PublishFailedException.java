package org.solrpersonalize.trainer.publish;

import java.io.IOException;

/**
 * A publish stopped by an error of Solr or of the connection. The message says what failed and the
 * state of the store, read back after the failure (or that it could not be read).
 */
public class PublishFailedException extends IOException {
  public PublishFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
