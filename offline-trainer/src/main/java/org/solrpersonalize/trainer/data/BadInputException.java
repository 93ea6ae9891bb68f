package org.solrpersonalize.trainer.data;

import java.util.Locale;

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

  /**
   * The error that stops a read at a bad line beyond {@code --max-errors}: the line's own message
   * when none were tolerated, else that message and the limit.
   */
  public static BadInputException tooManyErrors(String message, long maxErrors) {
    return new BadInputException(
        maxErrors == 0
            ? message
            : String.format(
                Locale.ROOT,
                "%s (more than --max-errors %d bad lines, stopping)",
                message,
                maxErrors));
  }
}
