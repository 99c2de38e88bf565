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
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),
  NO_FACE(HttpStatus.UNPROCESSABLE_ENTITY, "No face found"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private final HttpStatus status;
  private final String title;

  ApiErrorCode(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  /**
   * The code for an error known only by its HTTP status (answered by Spring or Tomcat, not by FaceAuth's code): the
   * code with that status, else {@link #BAD_REQUEST} for other client errors and {@link #INTERNAL_ERROR} for the rest.
   */
  public static ApiErrorCode forStatus(int status) {
    return switch (status) {
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> RATE_LIMITED;
      case 503 -> OVERLOADED;
      default -> status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
    };
  }

  /** A sentence for a client when nothing more specific is known. */
  public String sentence() {
    return switch (this) {
      case UNAUTHORIZED -> "Send a valid API key in the X-API-Key header.";
      case FORBIDDEN -> "This API key may not do that.";
      case RATE_LIMITED -> "Too many requests; retry later.";
      case USER_LOCKED -> "Verification of this user is locked for a while after repeated failures.";
      case OVERLOADED -> "The server is busy; retry in a moment.";
      case PAYLOAD_TOO_LARGE -> "The request is larger than the server accepts.";
      case UNSUPPORTED_MEDIA_TYPE -> "The server does not accept this content type here.";
      case BAD_REQUEST -> "The request is malformed (request line, headers or body).";
      case NOT_FOUND -> "There is no such resource.";
      case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource.";
      case NOT_ACCEPTABLE -> "The server answers JSON (or a JPEG for crop); accept that.";
      case NO_FACE -> "No face was found in the image.";
      case INTERNAL_ERROR -> "Something went wrong on the server; the request id identifies it in the logs.";
    };
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
