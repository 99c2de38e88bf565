package org.faceauth.cli;

/** Input the user can fix (unreadable file, malformed CSV, no face where one is required): exit code 3. */
final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadInputException(String message) {
    super(message);
  }

  BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
