package org.solrpersonalize.trainer.data;

/** Input the trainer cannot use; the message names the file and line. */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
