package org.faceauth.server.problem;

import org.springframework.http.HttpStatus;

/**
 * Failures that exist only at the HTTP boundary; their names are the {@code code} of the problem body. Core failures
 * keep their own {@link org.faceauth.core.ErrorCode} names.
 */
public enum ApiErrorCode {
  UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Missing or unknown API key"),
  FORBIDDEN(HttpStatus.FORBIDDEN, "This API key may not do that"),
  RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
  USER_LOCKED(HttpStatus.LOCKED, "Verification locked after repeated failures"),
  OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE, "The server is busy"),
  PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Request too large"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content"),
  BAD_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NO_FACE(HttpStatus.UNPROCESSABLE_ENTITY, "No face found"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private final HttpStatus status;
  private final String title;

  ApiErrorCode(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
