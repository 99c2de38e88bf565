package org.faceauth.core;

/**
 * Root of every failure FaceAuth raises (bad image bytes, missing or corrupt model files, inference errors, bad
 * requests, storage failures). Each failure carries a stable {@link ErrorCode} that callers (CLI exit codes, HTTP problem details) map
 * without parsing messages. Ordinary outcomes such as "no face" or "no match" are result values, not exceptions.
 */
public class FaceAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public FaceAuthException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public FaceAuthException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable, machine-readable reason of this failure. */
  public ErrorCode code() {
    return code;
  }
}
