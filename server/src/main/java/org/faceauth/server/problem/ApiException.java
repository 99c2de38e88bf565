package org.faceauth.server.problem;

import java.util.Map;
import java.util.Optional;

/** A failure to answer with a problem body: an {@link ApiErrorCode}, a message, and optional extra fields. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ApiErrorCode code;
  private final transient Optional<Long> retryAfterSeconds;
  private final transient Map<String, Object> extra;

  public ApiException(ApiErrorCode code, String message) {
    this(code, message, Optional.empty(), Map.of());
  }

  public ApiException(ApiErrorCode code, String message, Optional<Long> retryAfterSeconds, Map<String, Object> extra) {
    super(message);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.extra = Map.copyOf(extra);
  }

  public ApiErrorCode code() {
    return code;
  }

  public Optional<Long> retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Map<String, Object> extra() {
    return extra;
  }
}
