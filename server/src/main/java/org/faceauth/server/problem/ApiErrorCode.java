package org.faceauth.server.problem;

import java.util.List;

/**
 * Failures that exist only at the HTTP boundary; their names are the {@code code} of the problem body. Core failures
 * keep their own {@link org.faceauth.core.ErrorCode} names. Their statuses are in {@link ErrorStatus}.
 */
public enum ApiErrorCode {
  UNAUTHORIZED,
  FORBIDDEN,
  RATE_LIMITED,
  USER_LOCKED,
  USER_DISABLED,
  OVERLOADED,
  PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE,
  BAD_REQUEST,
  NOT_FOUND,
  METHOD_NOT_ALLOWED,
  NOT_ACCEPTABLE,
  NO_FACE,
  INVITATION_USED,
  INVITATION_REVOKED,
  INVITATION_EXPIRED,
  CSRF_REFUSED,
  NO_LOGIN_PENDING,
  AUTHORIZATION_REQUEST_REFUSED,
  INVALID_TOKEN,
  INSUFFICIENT_SCOPE,
  INVALID_CLIENT,
  OAUTH_REQUEST_REFUSED,
  INTERNAL_ERROR;

  /** The codes that stand for a bare status (not for a FaceAuth-specific reason such as a lock or a missing face). */
  private static final List<ApiErrorCode> GENERIC = List.of(UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED,
      NOT_ACCEPTABLE, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, RATE_LIMITED, OVERLOADED);

  /**
   * The code for an error known only by its HTTP status (answered by Spring or Tomcat, not by FaceAuth's code): the
   * generic code with that status in {@link ErrorStatus}, else {@link #BAD_REQUEST} for other client errors and
   * {@link #INTERNAL_ERROR} for the rest.
   */
  public static ApiErrorCode forStatus(int status) {
    for (ApiErrorCode code : GENERIC) {
      if (ErrorStatus.of(code).value() == status) {
        return code;
      }
    }
    return status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL_ERROR;
  }

  /** A sentence for a client when nothing more specific is known. */
  public String sentence() {
    return switch (this) {
      case UNAUTHORIZED -> "Send a valid API key in the X-API-Key header.";
      case FORBIDDEN -> "This API key may not do that.";
      case RATE_LIMITED -> "Too many requests; retry later.";
      case USER_LOCKED -> "Verification of this user is locked for a while after repeated failures.";
      case USER_DISABLED -> "This user is disabled; an operator can enable them again.";
      case OVERLOADED -> "The server is busy; retry in a moment.";
      case PAYLOAD_TOO_LARGE -> "The request is larger than the server accepts.";
      case UNSUPPORTED_MEDIA_TYPE -> "The server does not accept this content type here.";
      case BAD_REQUEST -> "The request is malformed (request line, headers or body).";
      case NOT_FOUND -> "There is no such resource.";
      case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource.";
      case NOT_ACCEPTABLE -> "The server answers JSON (or a JPEG for crop); accept that.";
      case NO_FACE -> "No face was found in the image.";
      case INVITATION_USED -> "This invitation link was already used; ask for a new one if you need to enroll again.";
      case INVITATION_REVOKED -> "This invitation link was withdrawn; ask for a new one.";
      case INVITATION_EXPIRED -> "This invitation link has expired; ask for a new one.";
      case CSRF_REFUSED -> "The login page's security token is missing or stale; reload the page.";
      case NO_LOGIN_PENDING -> "No login is in progress here; start again from the application.";
      case AUTHORIZATION_REQUEST_REFUSED -> "The authorization request was refused; error and error_description "
          + "say which OAuth 2.0 error it is. The application that sent you here must fix its request.";
      case INVALID_TOKEN ->
          "Send a valid, unexpired access token of this provider as 'Authorization: Bearer <token>'.";
      case INSUFFICIENT_SCOPE -> "This access token was not granted the scope this needs (openid).";
      case INVALID_CLIENT ->
          "The client is unknown, or its credentials are missing or wrong; send the registered client's id and secret.";
      case OAUTH_REQUEST_REFUSED -> "The request was refused; error says which OAuth 2.0 error it is.";
      case INTERNAL_ERROR -> "Something went wrong on the server; the request id identifies it in the logs.";
    };
  }
}
