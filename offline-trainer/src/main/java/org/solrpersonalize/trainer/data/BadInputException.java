package org.solrpersonalize.trainer.data;

/**
 * The input cannot be used as given: a bad line ({@code file:line: reason}), a missing column, a
 * bad option value. The message is meant for the user as is; the CLI prints it on one line and
 * exits with code 2.
 */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
