package org.faceauth.server.problem;

import java.util.Optional;

/** A failure to answer with a problem body: an {@link ApiErrorCode}, a message, and how long to wait if that helps. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ApiErrorCode code;
  private final transient Optional<Long> retryAfterSeconds;

  public ApiException(ApiErrorCode code, String message) {
    this(code, message, Optional.empty());
  }

  public ApiException(ApiErrorCode code, String message, Optional<Long> retryAfterSeconds) {
    super(message);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ApiErrorCode code() {
    return code;
  }

  public Optional<Long> retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
