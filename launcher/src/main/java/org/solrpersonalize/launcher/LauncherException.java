package org.solrpersonalize.launcher;

/**
 * A problem the user can fix, with a one-line explanation and no stack trace worth printing: the
 * port is in use, the data folder has an older layout, a core did not load.
 */
public final class LauncherException extends RuntimeException {
  public LauncherException(String message) {
    super(message);
  }

  public LauncherException(String message, Throwable cause) {
    super(message, cause);
  }
}
